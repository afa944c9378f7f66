namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>One served version of a custom resource with its schema and subresources.</summary>
internal sealed class CustomResourceDefinitionVersion : KubeModel
{
    public string Name { get; set; } = "";

    public bool Served { get; set; }

    /// <summary>Exactly one version stores objects.</summary>
    public bool Storage { get; set; }

    public bool? Deprecated { get; set; }

    public string? DeprecationWarning { get; set; }

    public CustomResourceValidation? Schema { get; set; }

    public CustomResourceSubresources? Subresources { get; set; }

    public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }
}
