namespace EppOperator.Sim.Reports;

/// <summary>Mean and percentiles of one latency, in milliseconds (linear interpolation between ranks, as numpy).</summary>
internal sealed record LatencySummary(double Mean, double P50, double P90, double P95, double P99)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    /// <summary>Summarises <paramref name="sorted"/> (ascending).</summary>
    public static LatencySummary FromSorted(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0) return Empty;
        var sum = 0.0;
        foreach (var v in sorted) sum += v;
        return new LatencySummary(
            Round(sum / sorted.Count), Round(Percentile(sorted, 50)), Round(Percentile(sorted, 90)),
            Round(Percentile(sorted, 95)), Round(Percentile(sorted, 99)));
    }

    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) return 0;
        var rank = percentile / 100.0 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /// <summary>Reports carry three decimals: enough for microsecond resolution, stable text across runs.</summary>
    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.ToEven);
}
