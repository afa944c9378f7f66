using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>One port of a Service.</summary>
internal sealed class ServicePort : KubeModel
{
    public string? Name { get; set; }

    public int Port { get; set; }

    public IntOrString? TargetPort { get; set; }

    public string? Protocol { get; set; }

    public string? AppProtocol { get; set; }

    public int? NodePort { get; set; }
}
