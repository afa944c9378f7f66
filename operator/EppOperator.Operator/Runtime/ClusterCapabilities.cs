using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Which of the kinds the operator reads or writes the cluster serves, discovered once at start (a CRD installed
/// later needs an operator restart, as upstream's picker does). Kinds that are absent turn their controller off,
/// and data planes whose CRDs are absent are reported on the pools that ask for them.
/// </summary>
internal sealed record ClusterCapabilities
{
    public bool V1Pools { get; init; }

    public bool V1Alpha2Pools { get; init; }

    public bool Models { get; init; }

    public bool Objectives { get; init; }

    public bool Rewrites { get; init; }

    public bool HttpRoutes { get; init; }

    public bool EnvoyGateway { get; init; }

    public bool Istio { get; init; }

    public bool EnvoyAiGateway { get; init; }

    public DataPlaneSupport Support => new(HttpRoutes, EnvoyGateway, Istio, EnvoyAiGateway);

    public static ClusterCapabilities Everything { get; } = new()
    {
        V1Pools = true, V1Alpha2Pools = true, Models = true, Objectives = true, Rewrites = true, HttpRoutes = true, EnvoyGateway = true, Istio = true,
    };

    /// <param name="enableEnvoyGateway">False when the installation does not allow (or grant RBAC for) Envoy Gateway.</param>
    /// <param name="enableIstio">False when the installation does not allow Istio.</param>
    public static async Task<ClusterCapabilities> DiscoverAsync(KubernetesClient client, bool enableEnvoyGateway, bool enableIstio, CancellationToken cancellationToken) => new()
    {
        V1Pools = await client.IsServedAsync<V1InferencePool>(cancellationToken).ConfigureAwait(false),
        V1Alpha2Pools = await client.IsServedAsync<V1Alpha2InferencePool>(cancellationToken).ConfigureAwait(false),
        Models = await client.IsServedAsync<V1Alpha2InferenceModel>(cancellationToken).ConfigureAwait(false),
        Objectives = await client.IsServedAsync<V1Alpha2InferenceObjective>(cancellationToken).ConfigureAwait(false),
        Rewrites = await client.IsServedAsync<V1Alpha2InferenceModelRewrite>(cancellationToken).ConfigureAwait(false),
        HttpRoutes = await client.IsServedAsync<HttpRoute>(cancellationToken).ConfigureAwait(false),
        EnvoyGateway = enableEnvoyGateway
            && await client.IsServedAsync<EnvoyExtensionPolicy>(cancellationToken).ConfigureAwait(false)
            && await client.IsServedAsync<EnvoyGatewayBackend>(cancellationToken).ConfigureAwait(false)
            && await client.IsServedAsync<EnvoyGatewayBackendTrafficPolicy>(cancellationToken).ConfigureAwait(false),
        EnvoyAiGateway = enableEnvoyGateway && await client.IsServedAsync<EnvoyAiGatewayRoute>(cancellationToken).ConfigureAwait(false),
        Istio = enableIstio && await client.IsServedAsync<IstioDestinationRule>(cancellationToken).ConfigureAwait(false),
    };
}
