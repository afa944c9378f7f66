namespace EppOperator.Kube.Client;

/// <summary>Query of a WATCH call and the client-side watchdog.</summary>
internal sealed record WatchOptions
{
    /// <summary>Resume point: events after this version are sent. Null starts with synthetic ADDED events.</summary>
    public string? ResourceVersion { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server-side end of the stream; clients reconnect from the last version.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancel the stream when no line (not even a bookmark) arrives for this long.</summary>
    public TimeSpan? IdleTimeout { get; init; }
}
