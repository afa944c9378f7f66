namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>In-place compaction helper for filters.</summary>
internal static class FilterSelection
{
    /// <summary>Moves the entries satisfying <paramref name="keep"/> to the front, in order, and returns their count.</summary>
    public static int Keep<TState>(Span<int> selection, TState state, Func<TState, int, bool> keep)
    {
        var kept = 0;
        for (var j = 0; j < selection.Length; j++)
        {
            if (keep(state, selection[j])) selection[kept++] = selection[j];
        }

        return kept;
    }

    /// <summary>
    /// Keeps the candidates whose value lies in the lowest 1/N of the range, v ∈ [min, min + (max − min) / N] for N
    /// candidates (the reference's least-queue and least-KV filters).
    /// </summary>
    public static int KeepLowestSlice(SchedulingCycle cycle, Span<int> selection, Func<Datalayer.EndpointMetrics, double> value)
    {
        if (selection.IsEmpty) return 0;
        double min = double.MaxValue, max = double.MinValue;
        foreach (var i in selection)
        {
            var v = value(cycle.MetricsAt(i));
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var limit = min + ((max - min) / selection.Length);
        return Keep(selection, (cycle, value, limit), static (s, i) => s.value(s.cycle.MetricsAt(i)) <= s.limit);
    }
}
