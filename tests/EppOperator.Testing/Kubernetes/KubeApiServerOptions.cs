namespace EppOperator.Testing.Kubernetes;

/// <summary>Behaviour knobs of <see cref="KubeApiServer"/>; the defaults suit fast tests.</summary>
public sealed record KubeApiServerOptions
{
    /// <summary>How often an idle watch with <c>allowWatchBookmarks</c> gets a BOOKMARK (real servers: about a minute); null disables bookmarks.</summary>
    public TimeSpan? BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events kept for watch resumption; watching from before the oldest kept one gets 410 Expired.</summary>
    public int HistoryCapacity { get; init; } = 10_000;

    /// <summary>When set, every request must carry <c>Authorization: Bearer</c> with this token (or a valid client certificate).</summary>
    public string? BearerToken { get; init; }

    /// <summary>Serve HTTPS with a fixture CA (its PEM is in the generated kubeconfig) instead of plain HTTP.</summary>
    public bool UseTls { get; init; }

    /// <summary>
    /// How long a gracefully deleted, scheduled pod stays Terminating before the fixture (playing the
    /// kubelet) removes it, capped by its grace period; null keeps it until a grace-0 delete or
    /// <see cref="KubeApiServer.CompletePodTermination"/>.
    /// </summary>
    public TimeSpan? PodTerminationDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>First resourceVersion minus one, so versions look like a real cluster's rather than starting at 1.</summary>
    public long InitialResourceVersion { get; init; } = 1000;

    /// <summary>Namespaces that exist at start.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
