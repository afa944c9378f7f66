using System.Text.Json.Serialization;

namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>Holds the version's structural OpenAPI v3 schema.</summary>
internal sealed class CustomResourceValidation : KubeModel
{
    [JsonPropertyName("openAPIV3Schema")]
    public JsonSchemaProps? OpenApiV3Schema { get; set; }
}
