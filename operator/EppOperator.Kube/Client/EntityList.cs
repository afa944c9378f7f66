namespace EppOperator.Kube.Client;

/// <summary>One LIST result: the items, the snapshot's resourceVersion (resume point for a watch) and the next-page token.</summary>
internal sealed record EntityList<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
