using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Kube.Config;

/// <summary>
/// Configuration of a pod talking to its own cluster: the API server address from
/// <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c> and the mounted service-account token, CA and namespace.
/// </summary>
internal static class InClusterConfig
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static bool IsAvailable(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(getEnvironment("KUBERNETES_SERVICE_HOST")) && !string.IsNullOrEmpty(getEnvironment("KUBERNETES_SERVICE_PORT"));
    }

    /// <param name="getEnvironment">Environment lookup (tests pass a dictionary).</param>
    /// <param name="serviceAccountDirectory">Where <c>token</c>, <c>ca.crt</c> and <c>namespace</c> are mounted.</param>
    /// <exception cref="KubeConfigException">Not in a cluster, or the token is missing.</exception>
    public static KubeClientConfig Load(Func<string, string?>? getEnvironment = null, string serviceAccountDirectory = ServiceAccountDirectory)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var host = getEnvironment("KUBERNETES_SERVICE_HOST");
        var port = getEnvironment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException("in-cluster configuration: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (is this process running in a pod?)");
        }

        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException($"in-cluster configuration: service-account token {tokenFile} does not exist (automountServiceAccountToken disabled?)");
        }

        if (System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        if (!Uri.TryCreate($"https://{host}:{port}", UriKind.Absolute, out var server))
        {
            throw new KubeConfigException($"in-cluster configuration: '{host}:{port}' is not a valid API server address");
        }

        X509Certificate2Collection? ca = null;
        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        if (File.Exists(caFile))
        {
            ca = [];
            try
            {
                ca.ImportFromPemFile(caFile);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
            {
                throw new KubeConfigException($"in-cluster configuration: cannot read CA bundle {caFile}: {ex.Message}", ex);
            }
        }

        var namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        var ns = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : "default";
        return new KubeClientConfig
        {
            Server = server,
            CertificateAuthority = ca,
            BearerTokenFile = tokenFile,
            Namespace = ns.Length == 0 ? "default" : ns,
            Source = "in-cluster service account",
        };
    }
}
