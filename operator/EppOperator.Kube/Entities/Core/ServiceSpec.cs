namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 ServiceSpec.</summary>
internal sealed class ServiceSpec : KubeModel
{
    public Dictionary<string, string>? Selector { get; set; }

    public List<ServicePort>? Ports { get; set; }

    /// <summary>ClusterIP (default), NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; set; }

    /// <summary><c>None</c> makes the Service headless.</summary>
    public string? ClusterIP { get; set; }

    public List<string>? ClusterIPs { get; set; }

    public string? ExternalName { get; set; }

    public bool? PublishNotReadyAddresses { get; set; }
}
