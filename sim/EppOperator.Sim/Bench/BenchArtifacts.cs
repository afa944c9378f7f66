using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Bench;

/// <summary>Writes a workload's report files: JSON, a markdown table and the two SVG charts.</summary>
internal static class BenchArtifacts
{
    /// <summary>Writes <c>&lt;workload&gt;.json</c>, <c>.md</c>, <c>-ttft-cdf.svg</c> and <c>-p95-vs-load.svg</c>;
    /// returns the paths.</summary>
    public static IReadOnlyList<string> Write(DirectoryInfo directory, WorkloadResult result)
    {
        directory.Create();
        var name = result.Report.Workload;
        var paths = new List<string>();
        void Save(string file, string content)
        {
            var path = Path.Combine(directory.FullName, file);
            File.WriteAllText(path, content);
            paths.Add(path);
        }

        Save(name + ".json", ReportJson.Serialize(result.Report));
        Save(name + ".md", MarkdownReport.Workload(result.Report, name + "-ttft-cdf.svg", name + "-p95-vs-load.svg"));
        Save(name + "-ttft-cdf.svg", SvgCharts.TtftCdf($"{name}: TTFT CDF at load {result.Report.HeadlineLoad:0.##}", result.HeadlineTtftMs));
        Save(name + "-p95-vs-load.svg", SvgCharts.P95VersusLoad($"{name}: P95 TTFT vs offered load", result.Report.Sweep));
        return paths;
    }

    /// <summary>Writes <c>summary.md</c>: every workload's headline table in one page.</summary>
    public static string WriteSummary(DirectoryInfo directory, IReadOnlyList<WorkloadReport> reports)
    {
        directory.Create();
        var path = Path.Combine(directory.FullName, "summary.md");
        File.WriteAllText(path, MarkdownReport.Summary(reports));
        return path;
    }
}
