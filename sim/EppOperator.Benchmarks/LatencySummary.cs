using System.Diagnostics;
using RankPercentile = EppOperator.Sim.Reports.LatencySummary;

namespace EppOperator.Benchmarks;

/// <summary>Percentiles of a set of round-trip times, in microseconds (interpolated between ranks, as every report
/// of the simulator computes them: <see cref="RankPercentile.Percentile"/>).</summary>
/// <remarks><see cref="P999Us"/> and <see cref="MaxUs"/> are null when the source did not report them (the grpc-js client).</remarks>
internal sealed record LatencySummary(int Count, double P50Us, double P90Us, double P99Us, double? P999Us, double MeanUs, double? MaxUs)
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
        var sorted = Array.ConvertAll(ticks, t => t * toMicroseconds);
        double At(double percentile) => Round(RankPercentile.Percentile(sorted, percentile));
        return new LatencySummary(ticks.Length, At(50), At(90), At(99), At(99.9), Round(sorted.Average()), Round(sorted[^1]));
    }

    private static double Round(double value) => Math.Round(value, 1);
}
