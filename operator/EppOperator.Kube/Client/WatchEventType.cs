namespace EppOperator.Kube.Client;

/// <summary>Type of a watch event. ERROR events surface as <see cref="KubernetesException"/>, never as values.</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Carries only a newer resourceVersion to resume from; never dispatched as an object change.</summary>
    Bookmark,
}
