namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Computes per-request data once per decision, before any profile runs (the reference's PrepareData step), e.g. the
/// prefix-cache match that scorers and filters then read from the cycle.
/// </summary>
internal interface ICycleDataProducer : ISchedulingPlugin
{
    void Produce(SchedulingCycle cycle);

    /// <summary>Releases what <see cref="Produce"/> rented when the decision ends without a pick.</summary>
    void Abandon(SchedulingCycle cycle);
}
