namespace EppOperator.Benchmarks;

/// <summary>
/// What <see cref="LatencySampler"/> recorded: one <see cref="System.Diagnostics.Stopwatch"/> duration per completed
/// call, the wall time of the whole run, managed bytes the process allocated meanwhile, and calls that threw.
/// </summary>
internal sealed record LatencySample(long[] Ticks, TimeSpan Elapsed, long AllocatedBytes, int Errors)
{
    public int Count => Ticks.Length;

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public LatencySummary Summarise() => LatencySummary.FromStopwatchTicks(Ticks);
}
