namespace EppOperator.Kube.Informers;

/// <summary>What an informer watches and how it reconnects.</summary>
internal sealed record InformerOptions
{
    /// <summary>Namespace to watch; null watches all namespaces (or a cluster-scoped type).</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>metadata.name=my-pool</c> to cache a single object.</summary>
    public string? FieldSelector { get; init; }

    public int PageSize { get; init; } = 500;

    /// <summary>Server-side watch timeout is drawn from [min, 2×min), as client-go does, so reconnects spread out.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Watchdog: a stream with no line (not even a bookmark) for this long is reconnected.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(570);

    /// <summary>First reconnect delay after a failure; doubles per consecutive failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect delay (KubeOps: 2^5 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>Upper bound of the random jitter added to each reconnect delay.</summary>
    public TimeSpan MaxJitter { get; init; } = TimeSpan.FromSeconds(1);
}
