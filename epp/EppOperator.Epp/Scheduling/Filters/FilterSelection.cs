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
}
