using System.Text.Json;

namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>apiextensions/v1 CustomResourceDefinitionSpec.</summary>
internal sealed class CustomResourceDefinitionSpec : KubeModel
{
    public string Group { get; set; } = "";

    public CustomResourceDefinitionNames Names { get; set; } = new();

    /// <summary><c>Namespaced</c> or <c>Cluster</c>.</summary>
    public string Scope { get; set; } = "Namespaced";

    public List<CustomResourceDefinitionVersion> Versions { get; set; } = [];

    public JsonElement? Conversion { get; set; }

    public bool? PreserveUnknownFields { get; set; }
}
