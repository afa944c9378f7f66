using System.Text.Json.Serialization.Metadata;

namespace EppOperator.Kube.Entities;

/// <summary>
/// A typed Kubernetes resource: where it lives in the API (<see cref="EntityType"/>) and how it is serialised
/// (source-generated <see cref="JsonTypeInfo"/>). Static members let assemblies other than this one declare
/// entities in their own <c>JsonSerializerContext</c> without reflection.
/// </summary>
internal interface IKubernetesEntity<TSelf> : IKubernetesObject
    where TSelf : class, IKubernetesEntity<TSelf>
{
    static abstract EntityType EntityType { get; }

    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }
}
