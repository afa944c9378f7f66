namespace EppOperator.Kube.Config;

/// <summary>
/// Picks the configuration the way client-go's defaults do: an explicit kubeconfig wins; otherwise the
/// in-cluster service account when running in a pod; otherwise the default kubeconfig.
/// </summary>
internal static class KubeConfigResolver
{
    /// <exception cref="KubeConfigException">Nothing usable was found, or the chosen source is invalid.</exception>
    public static KubeClientConfig Resolve(string? kubeconfigPath = null, string? context = null, Func<string, string?>? getEnvironment = null)
    {
        if (!string.IsNullOrEmpty(kubeconfigPath)) return KubeConfigLoader.LoadFile(kubeconfigPath, context);
        if (InClusterConfig.IsAvailable(getEnvironment)) return InClusterConfig.Load(getEnvironment);
        var path = KubeConfigLoader.FindDefaultPath(getEnvironment)
            ?? throw new KubeConfigException("no Kubernetes configuration found: not running in a cluster, $KUBECONFIG is unset or empty, and ~/.kube/config does not exist");
        return KubeConfigLoader.LoadFile(path, context);
    }
}
