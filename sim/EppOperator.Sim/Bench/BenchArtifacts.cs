using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Bench;

/// <summary>Writes a workload's report files: JSON, a markdown table and the two SVG charts.</summary>
internal static class BenchArtifacts
{
    /// <summary>Writes <c>&lt;workload&gt;.json</c>, <c>.md</c>, <c>-ttft-cdf.svg</c> and <c>-p95-vs-load.svg</c>;
    /// returns the paths.</summary>
    public static IReadOnlyList<string> Write(DirectoryInfo directory, WorkloadResult result) =>
        Write(directory, result.Report, result.HeadlineTtftMs, ReportJson.Serialize(result.Report), extraMarkdown: "", titleTag: "");

    /// <summary>The same files for a report whose JSON and markdown carry more (the live bench's), with
    /// <paramref name="titleTag"/> after the workload name in the chart titles.</summary>
    public static IReadOnlyList<string> Write(DirectoryInfo directory, WorkloadReport report, IReadOnlyDictionary<string, double[]> headlineTtftMs,
        string json, string extraMarkdown, string titleTag)
    {
        directory.Create();
        var name = report.Workload;
        var paths = new List<string>();
        void Save(string file, string content)
        {
            var path = Path.Combine(directory.FullName, file);
            File.WriteAllText(path, content);
            paths.Add(path);
        }

        Save(name + ".json", json);
        Save(name + ".md", MarkdownReport.Workload(report, name + "-ttft-cdf.svg", name + "-p95-vs-load.svg") + extraMarkdown);
        Save(name + "-ttft-cdf.svg", SvgCharts.TtftCdf(FormattableString.Invariant($"{name}{titleTag}: TTFT CDF at load {report.HeadlineLoad:0.##}"), headlineTtftMs));
        Save(name + "-p95-vs-load.svg", SvgCharts.P95VersusLoad($"{name}{titleTag}: P95 TTFT vs offered load", report.Sweep));
        return paths;
    }

    /// <summary>Writes <c>summary.md</c>: every workload's headline table in one page.</summary>
    public static string WriteSummary(DirectoryInfo directory, IReadOnlyList<WorkloadReport> reports) =>
        WriteSummary(directory, MarkdownReport.Summary(reports));

    /// <summary>Writes <paramref name="markdown"/> as <c>summary.md</c> and returns its path.</summary>
    public static string WriteSummary(DirectoryInfo directory, string markdown)
    {
        directory.Create();
        var path = Path.Combine(directory.FullName, "summary.md");
        File.WriteAllText(path, markdown);
        return path;
    }
}
