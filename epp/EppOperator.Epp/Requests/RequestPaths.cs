namespace EppOperator.Epp.Requests;

/// <summary>Maps a request path to the OpenAI API it targets.</summary>
internal static class RequestPaths
{
    /// <summary>Used when the proxy sent no path at all (the reference's default).</summary>
    public const string DefaultPath = "/v1/completions";

    /// <summary>Drops the query and fragment; an empty path becomes <see cref="DefaultPath"/>.</summary>
    public static string Normalize(string? rawPath)
    {
        if (string.IsNullOrEmpty(rawPath)) return DefaultPath;
        var end = rawPath.AsSpan().IndexOfAny('?', '#');
        return end switch
        {
            < 0 => rawPath,
            0 => DefaultPath,
            _ => rawPath[..end],
        };
    }

    /// <summary>
    /// Suffix match as the reference does, so prefixed routes (<c>/tenant-a/v1/chat/completions</c>) work;
    /// anything unrecognised is treated as a completions request.
    /// </summary>
    public static RequestKind KindOf(string path)
    {
        var p = path.AsSpan().TrimEnd('/');
        if (p.EndsWith("/conversations", StringComparison.Ordinal)) return RequestKind.Conversations;
        if (p.EndsWith("/responses", StringComparison.Ordinal)) return RequestKind.Responses;
        if (p.EndsWith("/chat/completions", StringComparison.Ordinal)) return RequestKind.ChatCompletions;
        if (p.EndsWith("/embeddings", StringComparison.Ordinal)) return RequestKind.Embeddings;
        return RequestKind.Completions;
    }
}
