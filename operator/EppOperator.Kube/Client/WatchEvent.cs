namespace EppOperator.Kube.Client;

/// <summary>One decoded watch event; <see cref="Object"/> is null for bookmarks.</summary>
internal readonly record struct WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion)
    where T : class;
