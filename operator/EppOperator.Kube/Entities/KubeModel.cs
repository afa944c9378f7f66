using System.Text.Json;
using System.Text.Json.Serialization;

namespace EppOperator.Kube.Entities;

/// <summary>
/// Base of every modelled JSON object. Fields this code does not model land in <see cref="ExtensionData"/>
/// and are written back unchanged, so a read-modify-write never drops what another controller or a newer
/// API version added.
/// </summary>
internal abstract class KubeModel
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
