namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>A <c>kubectl get</c> column taken from a JSONPath of the object.</summary>
internal sealed class CustomResourceColumnDefinition : KubeModel
{
    public string Name { get; set; } = "";

    /// <summary>string, integer, number, boolean or date.</summary>
    public string Type { get; set; } = "string";

    public string? Format { get; set; }

    public string? Description { get; set; }

    public int? Priority { get; set; }

    public string JsonPath { get; set; } = "";
}
