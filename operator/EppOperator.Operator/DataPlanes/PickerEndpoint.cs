namespace EppOperator.Operator.DataPlanes;

/// <summary>How the data plane reaches and trusts a pool's picker.</summary>
/// <param name="Service">The picker Service's name.</param>
/// <param name="Namespace">Its namespace (the pool's).</param>
/// <param name="Port">The Service port.</param>
/// <param name="Tls">How to secure the connection.</param>
/// <param name="ClusterDomain">The cluster DNS suffix.</param>
internal sealed record PickerEndpoint(string Service, string Namespace, int Port, PickerTls Tls, string ClusterDomain)
{
    /// <summary><c>svc.ns.svc.cluster.local</c>: what the data plane resolves.</summary>
    public string Fqdn => $"{Service}.{Namespace}.svc.{ClusterDomain}";

    /// <summary><c>svc.ns.svc</c>: the TLS server name the data plane asks for and verifies.</summary>
    public string ServerName => $"{Service}.{Namespace}.svc";
}
