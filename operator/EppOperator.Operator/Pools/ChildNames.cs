using EppOperator.Operator.Planning;

namespace EppOperator.Operator.Pools;

/// <summary>
/// Names of the objects the operator creates for a pool. Every name fits a DNS-1035 label (63 characters, what a
/// Service name allows): a longer one keeps its first 52 characters and ends in a hash of the whole name, so it stays
/// unique and stable.
/// </summary>
internal static class ChildNames
{
    public const int MaxLength = 63;

    public static string EppService(string pool) => Fit(pool + "-epp");

    public static string Epp(string pool) => Fit(pool + "-epp");

    public static string EppConfig(string pool) => Fit(pool + "-epp-config");

    public static string EppTls(string pool) => Fit(pool + "-epp-tls");

    /// <summary>The CA bundle (only the public certificate) the data plane verifies the picker with.</summary>
    public static string CaBundle(string pool) => Fit(pool + "-epp-ca");

    public static string Envoy(string pool) => Fit(pool + "-envoy");

    public static string Shadow(string pool) => Fit(pool + "-shadow");

    public static string ExtensionPolicy(string route, string pool) => Fit($"{route}-{pool}-epp");

    public static string TrafficPolicy(string route, string pool) => Fit($"{route}-{pool}-lb");

    public static string EnvoyGatewayBackend(string pool) => Fit(pool + "-epp");

    public static string DestinationRule(string eppService) => Fit(eppService + "-tls");

    public static string Fit(string name)
    {
        if (name.Length <= MaxLength) return name;
        return name[..52].TrimEnd('-', '.') + "-" + ContentHash.Of(name)[..10];
    }
}
