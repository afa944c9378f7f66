using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EppOperator.Sim.Load;
using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Live;

/// <summary>
/// A live workload's report: the virtual bench's <see cref="WorkloadReport"/> (same fields, same meaning, latencies
/// in model time) plus what only a live run has: the time compression, how ext_proc was transported, and per load
/// and policy the EPP's own overhead measured at the gateway (wall-clock milliseconds), which pod served how many
/// requests, how long the run took and, when some traffic was marked sheddable, each priority class apart.
/// Machine-dependent, unlike the virtual report.
/// </summary>
internal sealed record LiveWorkloadReport(
    WorkloadReport Report,
    double TimeScale,
    double DurationScale,
    string ExtProcTransport,
    IReadOnlyList<LiveRunRecord> Runs)
{
    /// <summary>Which traffic named the sheddable objective (null: none).</summary>
    public SheddableTraffic? Sheddable { get; init; }

    [JsonIgnore]
    public string Workload => Report.Workload;

    /// <summary><c>&lt;workload&gt;.json</c>: the virtual report's object with the live fields appended at its top level.</summary>
    public string ToJson()
    {
        var json = JsonSerializer.SerializeToNode(Report, ReportJson.Options)!.AsObject();
        var live = JsonSerializer.SerializeToNode(this with { Report = null! }, ReportJson.Options)!.AsObject();
        foreach (var (name, value) in live.ToList())
        {
            if (name == "report") continue;
            live.Remove(name);
            json[name] = value;
        }

        return json.ToJsonString(ReportJson.Options) + "\n";
    }
}
