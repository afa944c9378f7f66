using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Planning;

/// <summary>
/// How HTTPRoutes send traffic to pools: a <c>backendRef</c> of kind InferencePool (routed by the gateway's own
/// InferencePool support), or a <c>backendRef</c> to the pool's headless shadow Service <c>&lt;pool&gt;-shadow</c>
/// (plain Envoy Gateway: the operator adds the picker and the endpoint override to that route).
/// </summary>
internal static class RouteReferences
{
    public const string PoolKind = "InferencePool";
    private const string ShadowSuffix = "-shadow";

    /// <summary>Every pool key (<c>GROUP/NAMESPACE/NAME</c>) the route sends traffic to as an InferencePool backend, in order.</summary>
    public static IReadOnlyList<string> PoolKeys(HttpRoute route) =>
        [.. Backends(route).Where(b => b.Kind == PoolKind && !string.IsNullOrEmpty(b.Group)).Select(b => $"{b.Group}/{b.Namespace ?? route.Metadata.Namespace}/{b.Name}").Distinct()];

    /// <summary>
    /// Pool keys a route may concern, for requeueing: its InferencePool backends and, for Services named
    /// <c>&lt;pool&gt;-shadow</c>, the pool of either version with that name.
    /// </summary>
    public static IEnumerable<string> CandidatePoolKeys(HttpRoute route)
    {
        foreach (var key in PoolKeys(route)) yield return key;
        foreach (var backend in Backends(route).Where(IsService).Where(b => b.Name.EndsWith(ShadowSuffix, StringComparison.Ordinal)))
        {
            var ns = backend.Namespace ?? route.Metadata.Namespace;
            var pool = backend.Name[..^ShadowSuffix.Length];
            yield return $"{V1InferencePool.Group}/{ns}/{pool}";
            yield return $"{V1Alpha2InferencePool.Group}/{ns}/{pool}";
        }
    }

    /// <summary>The route has the pool itself as a backend.</summary>
    public static bool ReferencesPool(HttpRoute route, InferencePoolView pool) => PoolKeys(route).Contains(pool.Key);

    /// <summary>The route has the pool's shadow Service as a backend.</summary>
    public static bool ReferencesShadow(HttpRoute route, InferencePoolView pool) =>
        Backends(route).Any(b => IsService(b) && b.Name == ChildNames.Shadow(pool.Name) && (b.Namespace ?? route.Metadata.Namespace) == pool.Namespace);

    public static bool References(HttpRoute route, InferencePoolView pool) => ReferencesPool(route, pool) || ReferencesShadow(route, pool);

    /// <summary>The Gateways a route attaches to (defaults: Gateway API group, the route's namespace).</summary>
    public static IEnumerable<PoolParent> Gateways(HttpRoute route)
    {
        foreach (var parent in route.Spec.ParentRefs ?? [])
        {
            var group = parent.Group ?? HttpRoute.Group;
            var kind = parent.Kind ?? "Gateway";
            if (group == HttpRoute.Group && kind == "Gateway") yield return new PoolParent(group, kind, parent.Name, parent.Namespace ?? route.Metadata.Namespace ?? "");
        }
    }

    private static IEnumerable<RouteBackendReference> Backends(HttpRoute route) => (route.Spec.Rules ?? []).SelectMany(r => r.BackendRefs ?? []);

    private static bool IsService(RouteBackendReference backend) => string.IsNullOrEmpty(backend.Group) && (backend.Kind ?? "Service") == "Service";
}
