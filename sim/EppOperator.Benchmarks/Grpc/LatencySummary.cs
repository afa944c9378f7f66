using System.Diagnostics;

namespace EppOperator.Benchmarks.Grpc;

/// <summary>Percentiles of a set of round-trip times, in microseconds.</summary>
internal sealed record LatencySummary(int Count, double P50Us, double P90Us, double P99Us, double P999Us, double MeanUs, double MaxUs)
{
    /// <summary>Summarises <see cref="Stopwatch"/> tick durations (the array is sorted in place).</summary>
    public static LatencySummary FromStopwatchTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        Array.Sort(ticks);
        var toMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        double At(double fraction) => ticks[Math.Min(ticks.Length - 1, (int)(fraction * ticks.Length))] * toMicroseconds;
        return new LatencySummary(
            ticks.Length,
            Round(At(0.50)),
            Round(At(0.90)),
            Round(At(0.99)),
            Round(At(0.999)),
            Round(ticks.Average() * toMicroseconds),
            Round(ticks[^1] * toMicroseconds));
    }

    private static double Round(double value) => Math.Round(value, 1);
}
