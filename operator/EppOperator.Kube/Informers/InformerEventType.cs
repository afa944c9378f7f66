namespace EppOperator.Kube.Informers;

/// <summary>A change to the informer's cache, from a watch event or from a relist diff.</summary>
internal enum InformerEventType
{
    Added,
    Modified,
    Deleted,
}
