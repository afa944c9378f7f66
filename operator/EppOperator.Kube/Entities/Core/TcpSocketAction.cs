using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>TCP connect probe.</summary>
internal sealed class TcpSocketAction : KubeModel
{
    public IntOrString Port { get; set; }
}
