using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Tune;

/// <summary>The run's report, the candidates best first, and the shipped default's result for comparison.</summary>
internal sealed record TuneResult(WorkloadReport Report, IReadOnlyList<TuneCandidate> Ranked, PolicyResult Baseline)
{
    public TuneCandidate Best => Ranked[0];
}
