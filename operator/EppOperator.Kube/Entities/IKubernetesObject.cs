namespace EppOperator.Kube.Entities;

/// <summary>
/// Any Kubernetes object: type identity plus <see cref="ObjectMeta"/>. The client, informers and controller
/// runtime work against this shape; <see cref="IKubernetesEntity{TSelf}"/> adds what a typed call needs.
/// </summary>
internal interface IKubernetesObject
{
    string? ApiVersion { get; set; }

    string? Kind { get; set; }

    ObjectMeta Metadata { get; set; }
}
