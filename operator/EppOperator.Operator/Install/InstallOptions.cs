using EppOperator.Operator.Configuration;

namespace EppOperator.Operator.Install;

/// <summary>What <c>epp-operator manifests</c> and the Helm chart's values choose for an installation.</summary>
internal sealed record InstallOptions
{
    public string Namespace { get; init; } = "epp-operator-system";

    public string Image { get; init; } = "eppoperator/epp-operator:" + OperatorConstants.BundleVersion;

    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    public int Replicas { get; init; } = 1;

    /// <summary>Run for the operator's lease; needed whenever more than one replica may run (also during rollouts).</summary>
    public bool LeaderElection { get; init; } = true;

    public DataPlane DataPlane { get; init; } = DataPlane.None;

    public string EppImage { get; init; } = new OperatorSettings().EppImage;

    public string EnvoyImage { get; init; } = new OperatorSettings().EnvoyImage;

    public bool SecureServing { get; init; } = true;

    /// <summary>Grant (and allow) the Envoy Gateway data plane.</summary>
    public bool EnvoyGateway { get; init; } = true;

    /// <summary>Grant (and allow) the Istio data plane.</summary>
    public bool Istio { get; init; } = true;

    /// <summary>Include the inference CRDs (skip when the upstream CRDs are installed).</summary>
    public bool Crds { get; init; } = true;
}
