using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EppOperator.Benchmarks.Scheduler;

/// <summary>
/// <c>scheduler</c>: BenchmarkDotNet (in-process, short job, memory diagnoser) over
/// <see cref="SchedulerDecisionBenchmarks"/>; the summary becomes <c>scheduler.json</c> with the median time and
/// bytes allocated per decision at 5, 25, 100 and 1,000 endpoints, next to the reference's Go figures.
/// </summary>
internal sealed class SchedulerBenchmark : IBenchmark
{
    public string Name => "scheduler";

    public string Description => "One scheduling decision (queue + kv + prefix 16 KiB + lora) at 5/25/100/1000 endpoints";

    public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(context.Quick ? 1 : 3)
            .WithIterationCount(context.Quick ? 3 : 10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(context.Quick ? 100 : 250));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(context.OutputDirectory.FullName, "scheduler-bdn"))
            .WithOption(ConfigOptions.DisableLogFile, true);

        var summary = BenchmarkRunner.Run<SchedulerDecisionBenchmarks>(config);
        var report = SchedulerBenchmarkReport.From(summary, context.Quick);
        var path = context.WriteReport(Name, report);
        Console.WriteLine(report.ToMarkdown());
        BenchContext.Progress($"scheduler: report written to {path}");
        return summary.HasCriticalValidationErrors ? throw new InvalidOperationException("BenchmarkDotNet validation failed") : Task.CompletedTask;
    }
}
