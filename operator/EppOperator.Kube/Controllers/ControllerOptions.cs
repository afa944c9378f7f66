using EppOperator.Kube.Informers;

namespace EppOperator.Kube.Controllers;

/// <summary>Per-entity controller settings.</summary>
internal sealed record ControllerOptions<TEntity>
    where TEntity : IKubernetesObject
{
    /// <summary>What the controller's informer watches (namespace, selectors, reconnect timing).</summary>
    public InformerOptions Informer { get; init; } = new();

    /// <summary>Reconciles of different objects that may run at once; one object never runs twice at once.</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>First retry delay of a failing object (client-go: 5 ms); doubles per failure.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Cap of a failing object's retry delay (client-go: 1000 s).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>Run only while this process holds the operator's lease (when leader election is configured).</summary>
    public bool RequireLeadership { get; init; } = true;
}
