namespace EppOperator.Operator.Runtime;

/// <summary>
/// One kind of object the operator creates for pools: a label-selected informer over the kind plus create, update
/// and delete that never rewrite an unchanged object and never take over an object that is not the pool's.
/// </summary>
internal interface IChildKind
{
    Type ClrType { get; }

    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>Children labelled with the pool's UID.</summary>
    IReadOnlyList<IKubernetesObject> OwnedBy(string poolUid);

    /// <summary>Every cached child (for the orphan sweep).</summary>
    IReadOnlyList<IKubernetesObject> All();

    IKubernetesObject? Get(string ns, string name);

    Task<ChildChange> ApplyAsync(IKubernetesObject desired, string poolUid, CancellationToken cancellationToken);

    Task<ChildChange> DeleteAsync(IKubernetesObject existing, CancellationToken cancellationToken);
}
