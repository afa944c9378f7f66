using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 Event, as written by the event recorder and shown by <c>kubectl describe</c>.</summary>
internal sealed class Event : KubernetesObject, IKubernetesEntity<Event>
{
    public Event()
        : base(EntityType)
    {
    }

    public static EntityType EntityType { get; } = new("", "v1", "Event", "events", Namespaced: true);

    public static JsonTypeInfo<Event> JsonTypeInfo => KubeJsonContext.Default.Event;

    public ObjectReference InvolvedObject { get; set; } = new();

    public string? Reason { get; set; }

    public string? Message { get; set; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    public string? Type { get; set; }

    public EventSource? Source { get; set; }

    /// <summary>How many times this (object, reason, message) was recorded; the recorder aggregates repeats.</summary>
    public int? Count { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; set; }

    public string? ReportingComponent { get; set; }

    public string? ReportingInstance { get; set; }
}
