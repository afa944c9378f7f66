using EppOperator.Epp.Datalayer;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>The endpoint with the lowest key, ties broken uniformly at random (reservoir sampling, one pass).</summary>
internal static class LowestPick
{
    public static Endpoint Pick<T>(ReadOnlySpan<Endpoint> candidates, Func<Endpoint, T> key, Random random)
        where T : IComparable<T>
    {
        var best = candidates[0];
        var bestKey = key(best);
        var ties = 1;
        for (var i = 1; i < candidates.Length; i++)
        {
            var k = key(candidates[i]);
            var order = k.CompareTo(bestKey);
            if (order < 0)
            {
                (best, bestKey, ties) = (candidates[i], k, 1);
            }
            else if (order == 0 && random.Next(++ties) == 0)
            {
                // Keeps each of the tied endpoints with probability 1/ties.
                best = candidates[i];
            }
        }

        return best;
    }
}
