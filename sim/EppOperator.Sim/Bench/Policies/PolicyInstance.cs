using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>A policy as the benchmark drives it: the scheduler that picks and the hooks told about each request.</summary>
internal sealed record PolicyInstance(IScheduler Scheduler, IReadOnlyList<IRequestLifecycleHook> Hooks);
