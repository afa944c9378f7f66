using System.Text.Json;
using System.Text.Json.Serialization;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities;

/// <summary>One field manager's ownership record, written by the server for server-side apply.</summary>
internal sealed class ManagedFieldsEntry : KubeModel
{
    public string? Manager { get; set; }

    /// <summary><c>Apply</c> or <c>Update</c>.</summary>
    public string? Operation { get; set; }

    public string? ApiVersion { get; set; }

    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? Time { get; set; }

    public string? FieldsType { get; set; }

    public JsonElement? FieldsV1 { get; set; }

    public string? Subresource { get; set; }
}
