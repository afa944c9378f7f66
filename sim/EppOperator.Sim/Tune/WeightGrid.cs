using System.Globalization;

namespace EppOperator.Sim.Tune;

/// <summary>
/// The search space of <c>eppsim tune</c>: for each scorer type a list of weights, written
/// <c>prefix-cache-scorer=1,2,3;queue-scorer=1,2,5</c>. The grid is their cartesian product (points where every
/// weight is 0 are dropped).
/// </summary>
internal static class WeightGrid
{
    /// <summary>Prefix, queue and KV weights around the reference's 3:2:2 and the case study's 3:3:2 and 3:5:2, plus
    /// the predicted-TTFT scorer on or off: 4 × 4 × 3 × 2 = 96 points.</summary>
    public const string Default =
        "prefix-cache-scorer=1,2,3,5;queue-scorer=1,2,3,5;kv-cache-utilization-scorer=0,1,2;predicted-ttft-scorer=0,2";

    public static IReadOnlyList<ScorerWeights>? TryParse(string text, IReadOnlyCollection<string> knownScorers, out string? error)
    {
        error = null;
        var axes = new List<(string Type, double[] Weights)>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"'{part}' is not scorer-type=w1,w2,...";
                return null;
            }

            var type = part[..eq].Trim();
            if (!knownScorers.Contains(type))
            {
                error = $"unknown scorer '{type}'; known: {string.Join(", ", knownScorers.Order(StringComparer.Ordinal))}";
                return null;
            }

            if (axes.Any(a => a.Type == type))
            {
                error = $"scorer '{type}' appears twice";
                return null;
            }

            var weights = new List<double>();
            foreach (var w in part[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0 || weight > 1000)
                {
                    error = $"'{w}' is not a weight within [0, 1000] for '{type}'";
                    return null;
                }

                weights.Add(weight);
            }

            if (weights.Count == 0)
            {
                error = $"no weights for '{type}'";
                return null;
            }

            axes.Add((type, [.. weights.Distinct()]));
        }

        if (axes.Count == 0)
        {
            error = "the grid is empty";
            return null;
        }

        var points = new List<ScorerWeights> { new([]) };
        foreach (var (type, weights) in axes)
        {
            points = [.. points.SelectMany(p => weights.Select(w => new ScorerWeights([.. p.Weights, new(type, w)])))];
        }

        points.RemoveAll(p => p.IsEmpty);
        if (points.Count > 2000)
        {
            error = $"the grid has {points.Count} points; at most 2000";
            return null;
        }

        return points;
    }
}
