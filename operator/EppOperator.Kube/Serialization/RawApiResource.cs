namespace EppOperator.Kube.Serialization;

/// <summary>One discovered resource (<c>pods</c>, <c>pods/status</c>, ...).</summary>
internal sealed class RawApiResource
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public bool Namespaced { get; set; }
}
