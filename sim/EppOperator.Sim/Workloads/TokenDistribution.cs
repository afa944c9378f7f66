using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Workloads;

/// <summary>
/// A length in tokens: a normal (inference-perf's <c>{min,max,mean,std_dev}</c>) or log-normal draw clipped to
/// [<see cref="Min"/>, <see cref="Max"/>], or a fixed value when <see cref="StdDev"/> is 0.
/// </summary>
internal sealed record TokenDistribution
{
    public double Mean { get; init; }

    public double StdDev { get; init; }

    public int Min { get; init; } = 1;

    public int Max { get; init; } = int.MaxValue;

    /// <summary><c>normal</c> (default) or <c>lognormal</c> (a heavy right tail with the given mean and deviation).</summary>
    public string Shape { get; init; } = "normal";

    public static TokenDistribution Fixed(int tokens) => new() { Mean = tokens, Min = tokens, Max = tokens };

    public int Sample(Random random)
    {
        double value;
        if (StdDev <= 0)
        {
            value = Mean;
        }
        else if (Shape == "lognormal")
        {
            // Parameters of the underlying normal that give the requested mean and standard deviation.
            var sigma2 = Math.Log(1 + (StdDev * StdDev) / (Mean * Mean));
            var mu = Math.Log(Mean) - sigma2 / 2;
            value = Math.Exp(mu + Math.Sqrt(sigma2) * random.NextGaussian());
        }
        else
        {
            value = Mean + StdDev * random.NextGaussian();
        }

        return (int)Math.Clamp(Math.Round(value), Math.Max(1, Min), Math.Max(Min, Max));
    }

    public string? Validate(string field)
    {
        if (Mean < 1) return $"{field}.mean must be at least 1";
        if (StdDev < 0) return $"{field}.stdDev must not be negative";
        if (Min < 1 || Max < Min) return $"{field}: need 1 <= min <= max";
        if (Shape is not ("normal" or "lognormal")) return $"{field}.shape must be normal or lognormal";
        return null;
    }
}
