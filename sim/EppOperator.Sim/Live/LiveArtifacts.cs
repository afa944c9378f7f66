using System.Text;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Reports;
using static System.FormattableString;

namespace EppOperator.Sim.Live;

/// <summary>
/// Writes a live workload's files in the virtual bench's layout (<c>&lt;workload&gt;.json</c>, <c>.md</c>, the TTFT
/// CDF and P95-vs-load charts, <c>summary.md</c>), with the EPP overhead table and, when some traffic was marked
/// sheddable, the per-priority-class table added to the markdown.
/// </summary>
internal static class LiveArtifacts
{
    public static IReadOnlyList<string> Write(DirectoryInfo directory, LiveWorkloadResult result) =>
        BenchArtifacts.Write(directory, result.Report.Report, result.HeadlineTtftMs, result.Report.ToJson(), "\n" + Overhead(result.Report) + Classes(result.Report), " (live)");

    /// <summary>Writes <c>summary.md</c>: every workload's headline table and EPP overhead.</summary>
    public static string WriteSummary(DirectoryInfo directory, IReadOnlyList<LiveWorkloadReport> reports) =>
        BenchArtifacts.WriteSummary(directory, Summary(reports));

    public static string Summary(IReadOnlyList<LiveWorkloadReport> reports)
    {
        var md = new StringBuilder(MarkdownReport.Summary([.. reports.Select(r => r.Report)]).Replace("# Routing-quality benchmark", "# Routing-quality benchmark (live)", StringComparison.Ordinal));
        foreach (var report in reports) md.Append(Overhead(report)).Append(Classes(report));
        return md.ToString();
    }

    /// <summary>
    /// Each priority class under each policy (empty when no traffic was marked sheddable): what its measured requests
    /// saw, and how many were answered 2xx, refused with 429, or failed otherwise; P95 against round-robin's same class.
    /// </summary>
    public static string Classes(LiveWorkloadReport report)
    {
        if (report.Sheddable is not { } sheddable || report.Runs.All(r => r.Classes.Count == 0)) return "";
        var first = report.Runs.First(r => r.Classes.Count > 0).Classes;
        var measuredShare = (double)first[1].Result.Requests / Math.Max(1, first[0].Result.Requests + first[1].Result.Requests);
        var md = new StringBuilder();
        md.Append(Invariant($"## {report.Workload}: by priority class (model-time ms)\n\n"));
        md.Append(Invariant($"The first {sheddable.Share:P0} of each group's users name the InferenceObjective `{sheddable.Objective}` ({measuredShare:P1} of the measured requests) under every policy; "));
        md.Append(Invariant($"`{LiveBenchOptions.EppFlowControl}` is given that objective (priority {LiveFlowControl.SheddablePriority}) and flow control; the other EPP policies know it only if `--epp-args` names it, otherwise every request has priority 0 under them.\n\n"));
        md.Append("| load | class | policy | requests | 2xx | 429 | other errors | TTFT mean | TTFT p95 | p95 vs round-robin |\n");
        md.Append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var load in report.Runs.Select(r => r.Load).Distinct())
        {
            var runs = report.Runs.Where(r => r.Load == load && r.Classes.Count > 0).ToList();
            var baseline = runs.FirstOrDefault(r => r.Policy == LiveBenchOptions.RoundRobin);
            foreach (var className in runs.SelectMany(r => r.Classes.Select(c => c.Class)).Distinct())
            {
                var reference = baseline?.Classes.FirstOrDefault(c => c.Class == className)?.Result.TtftMs.P95;
                foreach (var run in runs)
                {
                    if (run.Classes.FirstOrDefault(c => c.Class == className) is not { } c) continue;
                    var r = c.Result;
                    var versus = reference is > 0 && !ReferenceEquals(run, baseline) ? Invariant($"{r.TtftMs.P95 / reference.Value - 1:+0.0%;-0.0%;0.0%}") : "–";
                    md.Append(Invariant($"| {load:0.##} | {className} | {run.Policy} | {r.Requests} | {r.Requests - r.Errors} | {c.Refused} | {r.Errors - c.Refused} | "));
                    md.Append(Invariant($"{r.TtftMs.Mean:0.0} | {r.TtftMs.P95:0.0} | {versus} |\n"));
                }
            }
        }

        md.Append('\n');
        return md.ToString();
    }

    /// <summary>The EPP's cost per request as the gateway measured it, and the run's conditions.</summary>
    public static string Overhead(LiveWorkloadReport report)
    {
        var md = new StringBuilder();
        md.Append(Invariant($"## {report.Workload}: EPP overhead at the gateway (wall-clock ms, ext_proc over {report.ExtProcTransport})\n\n"));
        md.Append("| load | policy | requests | request p50 | request p99 | response headers p50 | first chunk p50 | total p50 | total p99 | fail-open | fail-closed | wall s |\n");
        md.Append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var run in report.Runs)
        {
            if (run.ExtProcOverheadMs is not { } o)
            {
                md.Append(Invariant($"| {run.Load:0.##} | {run.Policy} | – | – | – | – | – | – | – | – | – | {run.WallSeconds:0.0} |\n"));
                continue;
            }

            md.Append(Invariant($"| {run.Load:0.##} | {run.Policy} | {o.Requests} | {o.RequestMs.P50:0.00} | {o.RequestMs.P99:0.00} | {o.ResponseHeadersMs.P50:0.00} | "));
            md.Append(Invariant($"{o.FirstBodyChunkMs.P50:0.00} | {o.TotalMs.P50:0.00} | {o.TotalMs.P99:0.00} | {o.FailOpen} | {o.FailClosed} | {run.WallSeconds:0.0} |\n"));
        }

        md.Append(Invariant($"\nRequests that ended after the warm-up. request: first ext_proc message sent to the routing answer; total adds the response-headers and first-body-chunk round trips (the EPP's cost on time to first token). "));
        md.Append(Invariant($"Servers ran at time scale {report.TimeScale:0.###} (latencies above are model time: wall time / {report.TimeScale:0.###}), workload durations x{report.DurationScale:0.###}; "));
        md.Append("every process shares this machine's cores, so the numbers are noisy.\n\n");
        return md.ToString();
    }
}
