using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 Service.</summary>
internal sealed class Service : KubernetesObject, IKubernetesEntity<Service>
{
    public Service()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "Service", "services", Namespaced: true);

    public static JsonTypeInfo<Service> JsonTypeInfo => KubeJsonContext.Default.Service;

    public ServiceSpec? Spec { get; set; }

    public JsonElement? Status { get; set; }
}
