using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.DataPlanes;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Epp;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Planning;

/// <summary>
/// The operator's decisions for one pool as a pure function of the pool, the facts around it and the settings:
/// which children exist with which content, which parents it reports on, and the <c>Accepted</c> and
/// <c>ResolvedRefs</c> conditions. The reconciler applies the plan; <c>epp-operator render</c> prints it.
/// </summary>
internal static class PoolPlanner
{
    public const string ReasonInvalidParameters = "InvalidParameters";

    public static PoolPlan Plan(InferencePoolView pool, PoolFacts facts, OperatorSettings settings)
    {
        var intent = PoolIntentResolver.Resolve(pool, settings);
        if (intent.Role == PoolRole.Ignored) return PoolPlan.Ignored(intent);

        var warnings = new List<string>();
        var resolved = ResolveReference(pool, intent, facts);
        var accepted = Accept(pool, intent, facts);
        var children = new List<IKubernetesObject>();
        var managed = intent.Role == PoolRole.ManagedEpp;
        var eppUsable = intent.ReferenceProblem is null && intent.Problems.Count == 0;
        if (managed && eppUsable)
        {
            children.AddRange(EppChildrenBuilder.Build(pool, intent, facts, settings)
                .Where(child => !(child is Kube.Entities.Core.Service && facts.EppService is { ManagedForPool: false })));
        }

        var routes = facts.Routes.Where(r => RouteReferences.References(r, pool)).ToList();
        var tls = !managed ? PickerTls.Unverified : settings.SecureServing ? PickerTls.Verified : PickerTls.Plaintext;
        var picker = new PickerEndpoint(intent.EppServiceName, pool.Namespace, intent.EppServicePort, tls, settings.ClusterDomain);
        // An unresolvable picker must give 5xx, not quietly route around it.
        var failOpen = intent.FailOpen && resolved.IsTrue;
        if (accepted.IsTrue && eppUsable)
        {
            switch (intent.DataPlane)
            {
                case DataPlane.Envoy:
                    children.AddRange(StandaloneEnvoyBuilder.Build(pool, intent, picker, failOpen, facts.CaCertificatePem, settings));
                    break;
                case DataPlane.EnvoyGateway:
                    var poolRoutes = routes.Where(r => RouteReferences.ReferencesPool(r, pool)).ToList();
                    var shadowRoutes = routes.Where(r => !RouteReferences.ReferencesPool(r, pool)).ToList();
                    var (owned, shared) = SplitSharedRoutes(pool, poolRoutes);
                    // With Envoy AI Gateway, Envoy Gateway itself calls the picker for InferencePool backends.
                    var withPicker = facts.Support.EnvoyAiGateway ? shadowRoutes : [.. owned, .. shadowRoutes];
                    children.AddRange(EnvoyGatewayBuilder.Build(pool, picker, withPicker, shadowRoutes, facts.CaCertificatePem));
                    warnings.AddRange(shared.Select(r => $"HTTPRoute {r.Metadata.Namespace}/{r.Metadata.Name} sends traffic to several pools; Envoy Gateway runs one ext_proc per route, so the first pool's picker serves it"));
                    if (routes.Count == 0) warnings.Add($"no HTTPRoute sends traffic to this pool yet; point one at the InferencePool (with Envoy AI Gateway) or at Service {ChildNames.Shadow(pool.Name)}");
                    if (!facts.Support.EnvoyAiGateway && poolRoutes.Count > 0)
                    {
                        warnings.Add($"Envoy Gateway without InferencePool support (Envoy AI Gateway) cannot route InferencePool backends; point the HTTPRoute at Service {ChildNames.Shadow(pool.Name)} instead, which the operator wires to the picker");
                    }

                    if (intent.FailOpen) warnings.Add("failureMode FailOpen cannot be honoured by Envoy Gateway with FULL_DUPLEX_STREAMED processing (it rejects failOpen in that mode); requests fail closed while the picker is unavailable");
                    if (pool.EppRef is null && facts.Support.EnvoyAiGateway && poolRoutes.Count > 0) accepted = RefMissing("Envoy Gateway (with Envoy AI Gateway)", intent);
                    break;
                case DataPlane.Istio:
                    children.AddRange(IstioBuilder.Build(pool, picker, routes, facts.CaCertificatePem));
                    if (pool.EppRef is null) accepted = RefMissing("Istio", intent);
                    break;
            }
        }

        if (tls == PickerTls.Unverified && intent.DataPlane != DataPlane.None)
        {
            warnings.Add($"the picker Service {intent.EppServiceName} is not managed by epp-operator, so the data plane cannot verify its certificate");
        }

        return new PoolPlan
        {
            Intent = intent,
            Children = children,
            Parents = Parents(pool, intent, routes),
            Accepted = accepted,
            ResolvedRefs = resolved,
            Warnings = warnings,
        };
    }

    /// <summary>The gateway finds the picker through the pool's reference, which is unset: say what to set it to.</summary>
    private static ConditionPlan RefMissing(string gateway, PoolIntent intent) => ConditionPlan.False(
        InferencePoolConditions.ReasonEndpointPickerRefMissing,
        $"{gateway} calls the picker named by spec.endpointPickerRef; set it to {{name: {intent.EppServiceName}, port: {{number: {intent.EppServicePort}}}}} (epp-operator runs that picker)");

    private static ConditionPlan Accept(InferencePoolView pool, PoolIntent intent, PoolFacts facts)
    {
        if (intent.Problems.Count > 0) return ConditionPlan.False(ReasonInvalidParameters, string.Join("; ", intent.Problems));
        var missing = intent.DataPlane switch
        {
            DataPlane.EnvoyGateway when !facts.Support.EnvoyGateway => "Envoy Gateway's CRDs (gateway.envoyproxy.io/v1alpha1 EnvoyExtensionPolicy, Backend) are not installed",
            DataPlane.Istio when !facts.Support.Istio => "Istio's CRDs (networking.istio.io/v1 DestinationRule) are not installed",
            _ => null,
        };
        if (missing is not null) return ConditionPlan.False(InferencePoolConditions.ReasonNotSupportedByParent, missing);

        var plane = DataPlaneNames.ToName(intent.DataPlane);
        var message = intent.Role == PoolRole.ManagedEpp
            ? $"epp-operator runs the endpoint picker behind Service {intent.EppServiceName} (data plane: {plane})"
            : $"epp-operator configures the {plane} data plane for the picker Service {intent.EppServiceName}";
        if (pool.EppRef is null) message += "; endpointPickerRef is unset, so the pool's picker is the operator's";
        return ConditionPlan.True(InferencePoolConditions.ReasonAccepted, message);
    }

    private static ConditionPlan ResolveReference(InferencePoolView pool, PoolIntent intent, PoolFacts facts)
    {
        string Invalid = InferencePoolConditions.ReasonInvalidExtensionRef;
        if (intent.ReferenceProblem is { } problem) return ConditionPlan.False(Invalid, problem);
        var service = intent.EppServiceName;
        if (intent.Role == PoolRole.ManagedEpp)
        {
            if (facts.EppService is { ManagedForPool: false }) return ConditionPlan.False(Invalid, $"Service {pool.Namespace}/{service} already exists and is not managed by epp-operator for this pool");
            if (intent.EppConfig is { } config && facts.UserEppConfigHash is null) return ConditionPlan.False(Invalid, $"ConfigMap {pool.Namespace}/{config.Name} named by {OperatorConstants.EppConfigAnnotation} does not exist");
            if (intent.EppConfig is { } keyed && facts.UserEppConfigMissingKey) return ConditionPlan.False(Invalid, $"ConfigMap {pool.Namespace}/{keyed.Name} has no key '{keyed.Key}'");
            return ConditionPlan.True(InferencePoolConditions.ReasonResolvedRefs, $"picker Service {service}:{intent.EppServicePort} is managed by epp-operator");
        }

        if (facts.EppService is not { } found) return ConditionPlan.False(Invalid, $"Service {pool.Namespace}/{service} does not exist");
        if (found.Type == "ExternalName") return ConditionPlan.False(Invalid, $"Service {pool.Namespace}/{service} is of type ExternalName, which is not supported");
        if (pool.EppRef?.Port is not { } port) return ConditionPlan.False(Invalid, "endpointPickerRef.port is required for a Service");
        if (!found.Ports.Contains(port)) return ConditionPlan.False(Invalid, $"Service {pool.Namespace}/{service} has no port {port} (it has {string.Join(", ", found.Ports)})");
        return ConditionPlan.True(InferencePoolConditions.ReasonResolvedRefs, $"picker Service {service}:{port} resolved");
    }

    private static (List<HttpRoute> Owned, List<HttpRoute> Shared) SplitSharedRoutes(InferencePoolView pool, List<HttpRoute> routes)
    {
        var owned = new List<HttpRoute>();
        var shared = new List<HttpRoute>();
        foreach (var route in routes)
        {
            var first = RouteReferences.PoolKeys(route).Order(StringComparer.Ordinal).First();
            if (first == pool.Key) owned.Add(route);
            else shared.Add(route);
        }

        return (owned, shared);
    }

    private static List<PoolParent> Parents(InferencePoolView pool, PoolIntent intent, List<HttpRoute> routes)
    {
        if (intent.DataPlane == DataPlane.Envoy)
        {
            return [new PoolParent(OperatorConstants.Domain, PoolParent.StandaloneEnvoyKind, ChildNames.Envoy(pool.Name), pool.Namespace)];
        }

        if (intent.DataPlane == DataPlane.EnvoyGateway && pool.IsV1)
        {
            // Leave room in the 32-entry list for other controllers' parents.
            var gateways = routes.SelectMany(RouteReferences.Gateways).Distinct().OrderBy(g => g.Namespace, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal).Take(16).ToList();
            if (gateways.Count > 0) return gateways;
        }

        return [new PoolParent(OperatorConstants.Domain, PoolParent.EndpointPickerKind, intent.EppServiceName, pool.Namespace)];
    }
}
