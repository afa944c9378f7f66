namespace EppOperator.Operator.Configuration;

/// <summary>The spelling of <see cref="DataPlane"/> values on the command line and in pool annotations.</summary>
internal static class DataPlaneNames
{
    public static IReadOnlyList<string> All { get; } = ["none", "envoy-gateway", "istio", "envoy"];

    public static string ToName(DataPlane dataPlane) => dataPlane switch
    {
        DataPlane.None => "none",
        DataPlane.EnvoyGateway => "envoy-gateway",
        DataPlane.Istio => "istio",
        DataPlane.Envoy => "envoy",
        _ => throw new ArgumentOutOfRangeException(nameof(dataPlane), dataPlane, null),
    };

    public static bool TryParse(string? text, out DataPlane dataPlane)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "none": dataPlane = DataPlane.None; return true;
            case "envoy-gateway": dataPlane = DataPlane.EnvoyGateway; return true;
            case "istio": dataPlane = DataPlane.Istio; return true;
            case "envoy": dataPlane = DataPlane.Envoy; return true;
            default: dataPlane = DataPlane.None; return false;
        }
    }
}
