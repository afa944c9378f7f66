namespace EppOperator.Kube.Serialization;

/// <summary>The part of a discovery APIResourceList this client reads: the served resource names.</summary>
internal sealed class RawResourceList
{
    public string? GroupVersion { get; set; }

    public List<RawApiResource>? Resources { get; set; }
}
