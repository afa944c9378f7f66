using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace EppOperator.Benchmarks.Scheduler;

/// <summary>The JSON report of the scheduler benchmark.</summary>
internal sealed record SchedulerBenchmarkReport(
    string Benchmark,
    bool Quick,
    string Machine,
    string Runtime,
    string Note,
    IReadOnlyList<SchedulerBenchmarkRow> Rows,
    IReadOnlyDictionary<int, double> ReferenceGoAppleM4Microseconds,
    double TargetMicrosecondsAt100,
    int TargetBytesPerDecision)
{
    public static SchedulerBenchmarkReport From(Summary summary, bool quick)
    {
        var rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new SchedulerBenchmarkRow(
                r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                Convert.ToInt32(r.BenchmarkCase.Parameters["Endpoints"], CultureInfo.InvariantCulture),
                r.ResultStatistics!.Median / 1000,
                r.ResultStatistics.Min / 1000,
                r.ResultStatistics.Mean / 1000,
                r.ResultStatistics.StandardDeviation / 1000,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? -1))
            .OrderBy(r => r.Method, StringComparer.Ordinal)
            .ThenBy(r => r.Endpoints)
            .ToList();
        var host = summary.HostEnvironmentInfo;
        return new SchedulerBenchmarkReport(
            "scheduler",
            quick,
            $"{host.CpuInfo.Value.ProcessorName} ({host.CpuInfo.Value.LogicalCoreCount} logical cores), {host.OsVersion.Value}",
            host.RuntimeVersion,
            "Machine shared with other builds while measuring: expect noise. Schedule = one decision (hashing the prompt, matching the prefix index, four scorers, picker) and returning its pooled buffer; ScheduleAndRecord adds the pick-time prefix record and in-flight accounting.",
            rows,
            new Dictionary<int, double> { [5] = 4.0, [25] = 8.9, [100] = 28.3 },
            10,
            1024);
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Scheduler decision ({Machine}, {Runtime}{(Quick ? ", quick" : "")})");
        text.AppendLine("| Method | Endpoints | Median µs | Min µs | Mean µs | StdDev µs | Allocated B/op | Reference Go M4 µs |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in Rows)
        {
            var reference = ReferenceGoAppleM4Microseconds.TryGetValue(row.Endpoints, out var r) ? r.ToString("0.0", CultureInfo.InvariantCulture) : "–";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Method} | {row.Endpoints} | {row.MedianMicroseconds:0.00} | {row.MinMicroseconds:0.00} | {row.MeanMicroseconds:0.00} | {row.StdDevMicroseconds:0.00} | {row.AllocatedBytesPerOperation} | {reference} |");
        }

        return text.ToString();
    }
}
