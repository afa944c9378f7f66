namespace EppOperator.Operator.Planning;

/// <summary>
/// Which optional API families the cluster serves (discovered at start). <see cref="All"/> is what <c>render</c>
/// assumes offline: Gateway API, Envoy Gateway and Istio present, Envoy AI Gateway absent.
/// </summary>
/// <param name="GatewayApi">HTTPRoutes are served.</param>
/// <param name="EnvoyGateway">Envoy Gateway's EnvoyExtensionPolicy, Backend and BackendTrafficPolicy are served.</param>
/// <param name="Istio">Istio's DestinationRule is served.</param>
/// <param name="EnvoyAiGateway">Envoy AI Gateway is installed: Envoy Gateway then routes InferencePool backends itself.</param>
internal sealed record DataPlaneSupport(bool GatewayApi, bool EnvoyGateway, bool Istio, bool EnvoyAiGateway = false)
{
    public static DataPlaneSupport All { get; } = new(true, true, true);
}
