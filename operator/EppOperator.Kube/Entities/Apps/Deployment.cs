using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Apps;

/// <summary>apps/v1 Deployment.</summary>
internal sealed class Deployment : KubernetesObject, IKubernetesEntity<Deployment>
{
    public Deployment()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("apps", "v1", "Deployment", "deployments", Namespaced: true);

    public static JsonTypeInfo<Deployment> JsonTypeInfo => KubeJsonContext.Default.Deployment;

    public DeploymentSpec? Spec { get; set; }

    public DeploymentStatus? Status { get; set; }
}
