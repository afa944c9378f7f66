using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// Keeps the per-request ext_proc times so <c>/stats/ext_proc</c> can report exact percentiles (the Prometheus
/// histogram only has buckets). Bounded: beyond <see cref="MaxSamples"/> requests only the counts grow.
/// </summary>
internal sealed class ExtProcTimings
{
    public const int MaxSamples = 1_000_000;

    private readonly Lock _gate = new();
    private readonly List<double> _request = [];
    private readonly List<double> _responseHeaders = [];
    private readonly List<double> _firstChunk = [];
    private readonly List<double> _total = [];
    private int _requests;
    private int _failOpen;
    private int _failClosed;

    /// <summary>One request's times; a phase it did not reach (no response, no body) is null.</summary>
    public void Record(TimeSpan? request, TimeSpan? responseHeaders, TimeSpan? firstChunk)
    {
        if (request is null) return;
        lock (_gate)
        {
            _requests++;
            if (_request.Count >= MaxSamples) return;
            _request.Add(request.Value.TotalMilliseconds);
            if (responseHeaders is { } h) _responseHeaders.Add(h.TotalMilliseconds);
            if (firstChunk is { } c) _firstChunk.Add(c.TotalMilliseconds);
            _total.Add((request.Value + (responseHeaders ?? TimeSpan.Zero) + (firstChunk ?? TimeSpan.Zero)).TotalMilliseconds);
        }
    }

    public void RecordFailure(bool failedOpen)
    {
        lock (_gate)
        {
            if (failedOpen) _failOpen++;
            else _failClosed++;
        }
    }

    /// <summary>Forgets every sample (a benchmark calls it when its warm-up ends).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _request.Clear();
            _responseHeaders.Clear();
            _firstChunk.Clear();
            _total.Clear();
            _requests = _failOpen = _failClosed = 0;
        }
    }

    public ExtProcOverhead Summary()
    {
        lock (_gate)
        {
            return new ExtProcOverhead(_requests, Summarise(_request), Summarise(_responseHeaders), Summarise(_firstChunk), Summarise(_total), _failOpen, _failClosed);
        }
    }

    private static LatencySummary Summarise(List<double> samples)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return LatencySummary.FromSorted(sorted);
    }
}
