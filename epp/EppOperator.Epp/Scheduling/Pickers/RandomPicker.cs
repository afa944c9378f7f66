namespace EppOperator.Epp.Scheduling.Pickers;

/// <summary><c>random-picker</c>: uniformly random candidates, scores ignored.</summary>
internal sealed class RandomPicker(string name, int maxEndpoints = 1) : SchedulingPlugin(name), IPicker
{
    public const string TypeName = "random-picker";

    public override string Type => TypeName;

    public int MaxEndpoints { get; } = maxEndpoints;

    public int Pick(SchedulingCycle cycle, ReadOnlySpan<int> selection, ReadOnlySpan<double> totals, Span<int> picked) =>
        PickUniformly(selection, cycle.Random, picked[..Math.Min(picked.Length, MaxEndpoints)]);

    /// <summary>A uniformly random sample without replacement (partial Fisher–Yates over the positions).</summary>
    public static int PickUniformly(ReadOnlySpan<int> selection, Random random, Span<int> picked)
    {
        var count = Math.Min(picked.Length, selection.Length);
        if (count == 0) return 0;
        if (count == 1)
        {
            picked[0] = selection[random.Next(selection.Length)];
            return 1;
        }

        Span<int> order = selection.Length <= 256 ? stackalloc int[selection.Length] : new int[selection.Length];
        selection.CopyTo(order);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
            picked[i] = order[i];
        }

        return count;
    }
}
