namespace EppOperator.Kube.Config;

/// <summary>The Kubernetes client configuration cannot be loaded; the message says which file and entry.</summary>
internal sealed class KubeConfigException : Exception
{
    public KubeConfigException(string message)
        : base(message)
    {
    }

    public KubeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
