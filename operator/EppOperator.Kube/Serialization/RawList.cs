using System.Text.Json;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// A list response with items left as JSON, so one parse path serves every entity type without declaring a
/// list type per entity in the serializer context.
/// </summary>
internal sealed class RawList
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ListMeta? Metadata { get; set; }

    public List<JsonElement>? Items { get; set; }
}
