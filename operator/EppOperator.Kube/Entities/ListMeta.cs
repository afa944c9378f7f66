namespace EppOperator.Kube.Entities;

/// <summary><c>metadata</c> of a list response: the snapshot's resourceVersion and the next page token.</summary>
internal sealed class ListMeta
{
    public string? ResourceVersion { get; set; }

    /// <summary>Token for the next page of a chunked list; empty or null on the last page.</summary>
    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}
