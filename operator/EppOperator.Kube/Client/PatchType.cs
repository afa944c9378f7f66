namespace EppOperator.Kube.Client;

/// <summary>Patch formats the API server accepts, by content type.</summary>
internal enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>): lists are replaced whole.</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
    Json,

    /// <summary>Strategic merge patch (built-in types only).</summary>
    StrategicMerge,

    /// <summary>Server-side apply (<c>application/apply-patch+yaml</c>) with a field manager.</summary>
    Apply,
}
