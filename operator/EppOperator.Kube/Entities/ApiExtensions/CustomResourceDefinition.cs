using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>apiextensions/v1 CustomResourceDefinition, named <c>PLURAL.GROUP</c>.</summary>
internal sealed class CustomResourceDefinition : KubernetesObject, IKubernetesEntity<CustomResourceDefinition>
{
    public CustomResourceDefinition()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", Namespaced: false);

    public static JsonTypeInfo<CustomResourceDefinition> JsonTypeInfo => KubeJsonContext.Default.CustomResourceDefinition;

    public CustomResourceDefinitionSpec Spec { get; set; } = new();

    public CustomResourceDefinitionStatus? Status { get; set; }
}
