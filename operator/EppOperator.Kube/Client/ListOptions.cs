namespace EppOperator.Kube.Client;

/// <summary>Query of a LIST call.</summary>
internal sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>metadata.name=my-pool</c>; servers support only a few fields per type.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a <c>continue</c> token when more remain.</summary>
    public int? Limit { get; init; }

    public string? Continue { get; init; }
}
