using System.Text;
using static System.FormattableString;

namespace EppOperator.Sim.Reports;

/// <summary>Markdown tables of a benchmark report, for people and for closing notes.</summary>
internal static class MarkdownReport
{
    public const string Baseline = "round-robin";

    public static string Workload(WorkloadReport report, string cdfChart, string loadChart)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(report.Workload).Append(" (").Append(report.Mode).Append(")\n\n");
        md.Append(report.Description).Append("\n\n");
        md.Append(Invariant($"{report.Pods} pods of `{report.Profile}`, seed {report.Seed}, metrics scraped every {report.ScrapeIntervalMs:0} ms; "))
            .Append(Invariant($"fleet capacity {report.CapacityRps:0.#} req/s under round-robin (ideal prefix reuse: {report.IdealCapacityRps:0.#} req/s); "))
            .Append(Invariant($"headline: offered load {report.HeadlineLoad:0.##} of capacity = {report.HeadlineRateRps:0.#} req/s.\n\n"));
        HeadlineTable(md, report);
        md.Append("\n## P95 TTFT (ms) by offered load\n\n");
        SweepTable(md, report, r => Invariant($"{r.TtftMs.P95:0.0}"));
        md.Append("\n## Prefix-cache hit rate by offered load\n\n");
        SweepTable(md, report, r => Invariant($"{r.PrefixHitRate:P1}"));
        md.Append("\n![TTFT CDF](").Append(cdfChart).Append(")\n\n![P95 TTFT vs load](").Append(loadChart).Append(")\n");
        return md.ToString();
    }

    public static string Summary(IReadOnlyList<WorkloadReport> reports)
    {
        var md = new StringBuilder("# Routing-quality benchmark\n\n");
        foreach (var report in reports)
        {
            md.Append("## ").Append(report.Workload).Append('\n').Append('\n');
            md.Append(Invariant($"{report.Mode}, {report.Pods} pods of `{report.Profile}`, load {report.HeadlineLoad:0.##} ({report.HeadlineRateRps:0.#} req/s), seed {report.Seed}.\n\n"));
            HeadlineTable(md, report);
            md.Append('\n');
        }

        return md.ToString();
    }

    private static void HeadlineTable(StringBuilder md, WorkloadReport report)
    {
        md.Append("| policy | TTFT mean | p50 | p90 | p95 | p99 | mean vs RR | p95 vs RR | E2E p95 | ITL mean | ITL p95 | prefix hit | output tok/s | requests | errors | preemptions |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        report.Policies.TryGetValue(Baseline, out var baseline);
        foreach (var (name, r) in report.Policies)
        {
            md.Append(Invariant($"| {name} | {r.TtftMs.Mean:0.0} | {r.TtftMs.P50:0.0} | {r.TtftMs.P90:0.0} | {r.TtftMs.P95:0.0} | {r.TtftMs.P99:0.0} | "));
            md.Append(Relative(r.TtftMs.Mean, baseline?.TtftMs.Mean)).Append(" | ").Append(Relative(r.TtftMs.P95, baseline?.TtftMs.P95)).Append(" | ");
            md.Append(Invariant($"{r.E2eMs.P95:0} | {r.ItlMs.Mean:0.0} | {r.ItlMs.P95:0.0} | {r.PrefixHitRate:P1} | {r.OutputTokensPerS:0} | {r.Requests} | {r.Errors} | {r.Preemptions} |\n"));
        }

        md.Append("\nTTFT, E2E and ITL in ms; \"vs RR\" is the change relative to round-robin (negative is better).\n");
    }

    private static void SweepTable(StringBuilder md, WorkloadReport report, Func<PolicyResult, string> cell)
    {
        var names = report.Policies.Keys.ToList();
        md.Append("| load | req/s | ").Append(string.Join(" | ", names)).Append(" |\n");
        md.Append("|---:|---:|").Append(string.Concat(names.Select(_ => "---:|"))).Append('\n');
        foreach (var point in report.Sweep)
        {
            md.Append(Invariant($"| {point.Load:0.00} | {point.RateRps:0.#} |"));
            foreach (var name in names)
            {
                md.Append(' ').Append(point.Policies.TryGetValue(name, out var r) ? cell(r) : "–").Append(" |");
            }

            md.Append('\n');
        }
    }

    private static string Relative(double value, double? baseline) =>
        baseline is null or 0 ? "–" : Invariant($"{(value - baseline.Value) / baseline.Value:+0.0%;-0.0%;0.0%}");
}
