using EppOperator.Sim.Bench;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tune;

/// <summary>
/// Grid search of scorer weights: every point of the grid becomes an EPP policy (the real scheduler with that
/// <c>EndpointPickerConfig</c>) and replays the same plan of one workload at one offered load in virtual time; the
/// best by the objective wins. The EPP's shipped default runs alongside as the reference point.
/// </summary>
internal static class WeightTuner
{
    public const string Baseline = "epp";

    public static TuneResult Run(WorkloadDefinition workload, double load, IReadOnlyList<ScorerWeights> grid, TuneObjective objective, BenchOptions options, Action<string> progress)
    {
        var candidates = grid.Select(w => EppPolicies.FromConfig(w.Label, "tuning candidate", w.ToConfigYaml())).ToList();
        var baseline = PolicyCatalog.Find(Baseline) ?? throw new InvalidOperationException("the epp policy is missing from the catalog");
        var bench = new VirtualBench(options with { Loads = [load] }, progress);
        var report = bench.Run(workload with { HeadlineLoad = load }, [baseline, .. candidates]).Report;

        var ranked = grid
            .Select(w => (Weights: w, Result: report.Policies[w.Label]))
            .OrderBy(c => c.Result.Errors)
            .ThenBy(c => objective.Of(c.Result))
            .ThenBy(c => c.Result.TtftMs.Mean)
            .ThenBy(c => c.Weights.Label, StringComparer.Ordinal)
            .Select(c => new TuneCandidate(c.Weights, c.Result))
            .ToList();
        return new TuneResult(report, ranked, report.Policies[Baseline]);
    }
}
