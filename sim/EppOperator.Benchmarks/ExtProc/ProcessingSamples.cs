using System.Diagnostics;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>Collects the EPP's per-request processing times reported by the ext_proc service.</summary>
internal sealed class ProcessingSamples
{
    private readonly Lock _gate = new();
    private List<long> _ticks = new(1 << 16);

    public void Add(TimeSpan elapsed)
    {
        var ticks = (long)(elapsed.TotalSeconds * Stopwatch.Frequency);
        lock (_gate) _ticks.Add(ticks);
    }

    public void Clear()
    {
        lock (_gate) _ticks = new List<long>(1 << 16);
    }

    public LatencySummary Summarise()
    {
        lock (_gate) return LatencySummary.FromStopwatchTicks([.. _ticks]);
    }
}
