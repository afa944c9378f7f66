using EppOperator.Operator.Entities;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Planning;

/// <summary>How HTTPRoutes refer to InferencePools: <c>backendRefs</c> with the pool's group and kind InferencePool.</summary>
internal static class RouteReferences
{
    public const string PoolKind = "InferencePool";

    /// <summary>Every pool key (<c>GROUP/NAMESPACE/NAME</c>) the route sends traffic to, in order of appearance.</summary>
    public static IReadOnlyList<string> PoolKeys(HttpRoute route)
    {
        var keys = new List<string>();
        foreach (var rule in route.Spec.Rules ?? [])
        {
            foreach (var backend in rule.BackendRefs ?? [])
            {
                if (backend.Kind != PoolKind || string.IsNullOrEmpty(backend.Group)) continue;
                var key = $"{backend.Group}/{backend.Namespace ?? route.Metadata.Namespace}/{backend.Name}";
                if (!keys.Contains(key)) keys.Add(key);
            }
        }

        return keys;
    }

    public static bool References(HttpRoute route, InferencePoolView pool) => PoolKeys(route).Contains(pool.Key);

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
}
