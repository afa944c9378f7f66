using System.Text.Json.Serialization;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities;

/// <summary><c>metadata</c> of every object (meta/v1 ObjectMeta).</summary>
internal sealed class ObjectMeta : KubeModel
{
    public string? Name { get; set; }

    public string? GenerateName { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    /// <summary>Opaque version used for optimistic concurrency and to resume watches; never compare numerically.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Incremented by the server when the desired state (not status or metadata) changes.</summary>
    public long? Generation { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>Set by the server on DELETE when finalizers (or graceful deletion) keep the object alive.</summary>
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    public long? DeletionGracePeriodSeconds { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<OwnerReference>? OwnerReferences { get; set; }

    public List<string>? Finalizers { get; set; }

    public List<ManagedFieldsEntry>? ManagedFields { get; set; }
}
