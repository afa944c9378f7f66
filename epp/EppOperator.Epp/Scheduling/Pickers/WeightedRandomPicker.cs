using System.Buffers;

namespace EppOperator.Epp.Scheduling.Pickers;

/// <summary>
/// <c>weighted-random-picker</c>: samples proportionally to the totals with Efraimidis–Spirakis A-Res
/// (key = U^(1/score), largest keys win). Scores ≤ 0 never win against a positive one; when every score is ≤ 0 it
/// picks uniformly. Keys are compared as ln(U)/score, the same order, because U^(1/score) underflows to 0 for small
/// scores and would then tie with the zero-score candidates.
/// </summary>
internal sealed class WeightedRandomPicker(string name, int maxEndpoints = 1) : SchedulingPlugin(name), IPicker
{
    public const string TypeName = "weighted-random-picker";

    public override string Type => TypeName;

    public int MaxEndpoints { get; } = maxEndpoints;

    public int Pick(SchedulingCycle cycle, ReadOnlySpan<int> selection, ReadOnlySpan<double> totals, Span<int> picked)
    {
        picked = picked[..Math.Min(picked.Length, MaxEndpoints)];
        var anyPositive = false;
        foreach (var total in totals) anyPositive |= total > 0;
        if (!anyPositive) return RandomPicker.PickUniformly(selection, cycle.Random, picked);

        var keys = ArrayPool<double>.Shared.Rent(selection.Length);
        try
        {
            for (var j = 0; j < selection.Length; j++) keys[j] = Key(totals[j], cycle.Random);
            return TopCandidates.Select(selection, keys.AsSpan(0, selection.Length), cycle.Random, picked);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(keys);
        }
    }

    public static double Key(double score, Random random)
    {
        if (!(score > 0)) return double.NegativeInfinity;
        var u = random.NextDouble();
        if (u == 0) u = 1e-10;
        return Math.Log(u) / score;
    }
}
