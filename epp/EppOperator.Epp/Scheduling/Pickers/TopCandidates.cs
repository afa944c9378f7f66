using System.Buffers;

namespace EppOperator.Epp.Scheduling.Pickers;

/// <summary>Selection of the highest-keyed candidates with uniformly random tie-breaking, without allocating.</summary>
internal static class TopCandidates
{
    /// <summary>
    /// The candidate with the largest key in one pass; among equal keys each is chosen with equal probability
    /// (reservoir sampling: the j-th tie replaces the choice with probability 1/j).
    /// </summary>
    public static int ArgMax(ReadOnlySpan<int> selection, ReadOnlySpan<double> keys, Random random)
    {
        var best = double.NegativeInfinity;
        var chosen = -1;
        var ties = 0;
        for (var j = 0; j < selection.Length; j++)
        {
            var key = keys[j];
            if (key > best || chosen < 0)
            {
                best = key;
                chosen = selection[j];
                ties = 1;
            }
            else if (key == best && random.Next(++ties) == 0)
            {
                chosen = selection[j];
            }
        }

        return chosen;
    }

    /// <summary>
    /// Writes the candidates with the largest keys, best first, into <paramref name="picked"/> (as many as fit) and
    /// returns how many. Equal keys are ordered by a random secondary key, i.e. a uniformly random order.
    /// </summary>
    public static int Select(ReadOnlySpan<int> selection, ReadOnlySpan<double> keys, Random random, Span<int> picked)
    {
        var count = Math.Min(picked.Length, selection.Length);
        if (count == 0) return 0;
        if (count == 1)
        {
            picked[0] = ArgMax(selection, keys, random);
            return 1;
        }

        var ranked = ArrayPool<Ranked>.Shared.Rent(selection.Length);
        try
        {
            var span = ranked.AsSpan(0, selection.Length);
            for (var j = 0; j < span.Length; j++) span[j] = new Ranked(keys[j], random.Next(), selection[j]);
            span.Sort(default(ByKeyDescending));
            for (var i = 0; i < count; i++) picked[i] = span[i].Candidate;
            return count;
        }
        finally
        {
            ArrayPool<Ranked>.Shared.Return(ranked);
        }
    }

    private readonly record struct Ranked(double Key, int TieBreak, int Candidate);

    private readonly struct ByKeyDescending : IComparer<Ranked>
    {
        public int Compare(Ranked x, Ranked y)
        {
            var byKey = y.Key.CompareTo(x.Key);
            return byKey != 0 ? byKey : x.TieBreak.CompareTo(y.TieBreak);
        }
    }
}
