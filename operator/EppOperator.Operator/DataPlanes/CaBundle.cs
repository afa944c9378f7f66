using EppOperator.Kube.Entities.Core;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.DataPlanes;

/// <summary>
/// The operator CA's public certificate (<c>ca.crt</c>), placed where a data plane can read it: a ConfigMap for Envoy
/// and Envoy Gateway, a Secret for Istio's <c>credentialName</c>. It never holds a private key.
/// </summary>
internal static class CaBundle
{
    public const string Key = "ca.crt";

    public static ConfigMap ConfigMap(InferencePoolView pool, string ns, string caPem) => new()
    {
        Metadata = ChildMetadata.For(pool, ChildNames.CaBundle(pool.Name), "epp-ca", ns),
        Data = new Dictionary<string, string> { [Key] = caPem },
    };

    public static Secret Secret(InferencePoolView pool, string ns, string caPem) => new()
    {
        Metadata = ChildMetadata.For(pool, ChildNames.CaBundle(pool.Name), "epp-ca", ns),
        Type = "Opaque",
        Data = new Dictionary<string, string> { [Key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(caPem)) },
    };
}
