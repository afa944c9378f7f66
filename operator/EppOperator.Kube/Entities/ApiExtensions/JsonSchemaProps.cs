using System.Text.Json;
using System.Text.Json.Serialization;
using EppOperator.Kube.Serialization;

namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>
/// An OpenAPI v3 schema node as CRDs use it (apiextensions/v1 JSONSchemaProps), including the
/// <c>x-kubernetes-*</c> extensions that control pruning, list merging and CEL validation.
/// </summary>
internal sealed class JsonSchemaProps : KubeModel
{
    public string? Type { get; set; }

    public string? Format { get; set; }

    public string? Description { get; set; }

    public string? Title { get; set; }

    public Dictionary<string, JsonSchemaProps>? Properties { get; set; }

    public JsonSchemaProps? Items { get; set; }

    /// <summary>Schema of map values; CRDs only allow a schema (or <c>true</c>, read here as an empty schema).</summary>
    [JsonConverter(typeof(SchemaOrBoolConverter))]
    public JsonSchemaProps? AdditionalProperties { get; set; }

    public List<string>? Required { get; set; }

    public List<JsonElement>? Enum { get; set; }

    public JsonElement? Default { get; set; }

    public JsonElement? Example { get; set; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public bool? ExclusiveMinimum { get; set; }

    public bool? ExclusiveMaximum { get; set; }

    public double? MultipleOf { get; set; }

    public long? MinLength { get; set; }

    public long? MaxLength { get; set; }

    public string? Pattern { get; set; }

    public long? MinItems { get; set; }

    public long? MaxItems { get; set; }

    public bool? UniqueItems { get; set; }

    public long? MinProperties { get; set; }

    public long? MaxProperties { get; set; }

    public bool? Nullable { get; set; }

    public List<JsonSchemaProps>? AllOf { get; set; }

    public List<JsonSchemaProps>? OneOf { get; set; }

    public List<JsonSchemaProps>? AnyOf { get; set; }

    public JsonSchemaProps? Not { get; set; }

    /// <summary>Keeps fields the schema does not declare instead of pruning them.</summary>
    [JsonPropertyName("x-kubernetes-preserve-unknown-fields")]
    public bool? XKubernetesPreserveUnknownFields { get; set; }

    [JsonPropertyName("x-kubernetes-embedded-resource")]
    public bool? XKubernetesEmbeddedResource { get; set; }

    [JsonPropertyName("x-kubernetes-int-or-string")]
    public bool? XKubernetesIntOrString { get; set; }

    /// <summary><c>atomic</c>, <c>set</c> or <c>map</c> (merge list items by <see cref="XKubernetesListMapKeys"/>).</summary>
    [JsonPropertyName("x-kubernetes-list-type")]
    public string? XKubernetesListType { get; set; }

    [JsonPropertyName("x-kubernetes-list-map-keys")]
    public List<string>? XKubernetesListMapKeys { get; set; }

    [JsonPropertyName("x-kubernetes-map-type")]
    public string? XKubernetesMapType { get; set; }

    [JsonPropertyName("x-kubernetes-validations")]
    public List<ValidationRule>? XKubernetesValidations { get; set; }
}
