namespace EppOperator.Operator.Planning;

/// <summary>Which optional API families the cluster serves (discovered at start; all true when rendering offline).</summary>
internal sealed record DataPlaneSupport(bool GatewayApi, bool EnvoyGateway, bool Istio)
{
    public static DataPlaneSupport All { get; } = new(true, true, true);
}
