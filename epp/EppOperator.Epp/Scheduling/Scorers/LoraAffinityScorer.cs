namespace EppOperator.Epp.Scheduling.Scorers;

/// <summary>
/// <c>lora-affinity-scorer</c> on the request's target model: loaded (active) 1.0; else a free adapter slot
/// (|active| + |waiting| &lt; max) 0.8; else already waiting to load 0.6; else 0.
/// </summary>
internal sealed class LoraAffinityScorer(string name) : SchedulingPlugin(name), IScorer
{
    public const string TypeName = "lora-affinity-scorer";

    public const double Active = 1.0;
    public const double FreeSlot = 0.8;
    public const double Waiting = 0.6;

    public override string Type => TypeName;

    public void Score(SchedulingCycle cycle, ReadOnlySpan<int> selection, Span<double> scores)
    {
        var target = cycle.Request.TargetModel;
        for (var j = 0; j < selection.Length; j++)
        {
            var metrics = cycle.MetricsAt(selection[j]);
            scores[j] = metrics.HasActiveModel(target) ? Active
                : LoraAdapters.HasFreeSlot(metrics) ? FreeSlot
                : metrics.HasWaitingModel(target) ? Waiting
                : 0;
        }
    }
}
