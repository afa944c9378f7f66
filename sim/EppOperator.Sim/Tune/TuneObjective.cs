using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Tune;

/// <summary>What the search minimises.</summary>
internal sealed record TuneObjective(string Name, Func<PolicyResult, double> Of)
{
    public static IReadOnlyList<TuneObjective> All { get; } =
    [
        new("p95-ttft", r => r.TtftMs.P95),
        new("mean-ttft", r => r.TtftMs.Mean),
        new("p99-ttft", r => r.TtftMs.P99),
        new("p95-e2e", r => r.E2eMs.P95),
    ];

    public static TuneObjective? Find(string name) => All.FirstOrDefault(o => o.Name == name);
}
