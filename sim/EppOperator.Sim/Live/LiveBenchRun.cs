using System.Diagnostics;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Live;

/// <summary>Runs the live bench for some workloads, writes the reports and prints the comparison; shared by bench and demo.</summary>
internal static class LiveBenchRun
{
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static Task<int> RunAsync(IReadOnlyList<WorkloadDefinition> workloads, LiveBenchOptions options, DirectoryInfo output, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken) =>
        RunAsync([.. workloads.Select(w => (w, options))], output, stdout, stderr, cancellationToken);

    /// <summary>Each workload with its own settings (the demo compresses each one differently); returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<(WorkloadDefinition Workload, LiveBenchOptions Options)> runs, DirectoryInfo output, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        void Progress(string message) => stderr.WriteLine($"[live {clock.Elapsed.TotalSeconds,5:0.0}s] {message}");
        var reports = new List<LiveWorkloadReport>();
        try
        {
            foreach (var (workload, options) in runs)
            {
                var result = await new LiveBench(options, output, Progress).RunAsync(workload, cancellationToken).ConfigureAwait(false);
                reports.Add(result.Report);
                foreach (var path in LiveArtifacts.Write(output, result)) Progress($"wrote {path}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Progress("cancelled; every process it started has been stopped");
            return Cancelled;
        }
        catch (LiveRunException ex)
        {
            Progress("failed: " + ex.Message);
            return Failed;
        }

        var summary = LiveArtifacts.WriteSummary(output, reports);
        stdout.WriteLine(LiveArtifacts.Summary(reports));
        Progress($"wrote {summary}");
        Progress($"done in {clock.Elapsed.TotalSeconds:0.0}s");
        return 0;
    }
}
