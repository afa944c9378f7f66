using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// A policy as the benchmark drives it: the scheduler that picks, the hooks told about each request, and the EPP's
/// admission in front of the scheduler (legacy shedding or flow control; none for plain load balancers).
/// </summary>
internal sealed record PolicyInstance(IScheduler Scheduler, IReadOnlyList<IRequestLifecycleHook> Hooks, AdmissionController? Admission = null);
