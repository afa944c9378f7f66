namespace EppOperator.Operator.Cli;

/// <summary>The operator's own ports, shared by <c>run</c> and the install manifests.</summary>
internal static class InstallPorts
{
    public const int Metrics = Install.InstallManifestBuilder.MetricsPort;
    public const int Health = Install.InstallManifestBuilder.HealthPort;
}
