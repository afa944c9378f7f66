namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>Names under which a custom resource is served.</summary>
internal sealed class CustomResourceDefinitionNames : KubeModel
{
    public string Plural { get; set; } = "";

    public string? Singular { get; set; }

    public string Kind { get; set; } = "";

    public string? ListKind { get; set; }

    public List<string>? ShortNames { get; set; }

    public List<string>? Categories { get; set; }
}
