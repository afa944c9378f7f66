using EppOperator.Epp.Scheduling.RequestControl;

namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// <c>prefix-cache-scorer</c>: the share of the prompt's blocks the candidate is believed to hold (matched ÷ total),
/// from the prefix producer that runs before the profiles; 0 for prompts shorter than one block.
/// </summary>
internal sealed class PrefixCacheScorer(string name, PrefixCacheParameters parameters) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "prefix-cache-scorer";

    public override string Type => TypeName;

    /// <summary>Parameters for the producer the loader creates when none is declared (the reference's behaviour).</summary>
    public PrefixCacheParameters Parameters { get; } = parameters;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        for (var j = 0; j < selection.Length; j++) scores[j] = cycle.PrefixMatchRatioAt(selection[j]);
    }
}
