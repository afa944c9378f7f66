using System.Buffers;
using EppOperator.Epp.Prefix;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling.RequestControl;

/// <summary>
/// <c>approx-prefix-cache-producer</c>: before the profiles run, hashes the prompt's raw bytes into chained blocks
/// and looks up how many leading blocks each candidate holds (<see cref="SchedulingCycle.PrefixMatchedBlocks"/>);
/// at pick time records the prompt for the chosen endpoint (and a <c>prefill</c> profile's pick). Created
/// automatically with <c>prefix-cache-scorer</c>'s parameters, as the reference does.
/// </summary>
internal sealed class ApproxPrefixCacheProducer : SchedulingPlugin, ICycleDataProducer, IRequestLifecycleHook
{
    public const string TypeName = "approx-prefix-cache-producer";

    private readonly SchedulerMetrics? _metrics;

    public ApproxPrefixCacheProducer(string name, PrefixCacheParameters parameters, PrefixIndex index, SchedulerMetrics? metrics)
        : base(name)
    {
        Parameters = parameters;
        Index = index;
        _metrics = metrics;
    }

    public override string Type => TypeName;

    public PrefixCacheParameters Parameters { get; }

    public PrefixIndex Index { get; }

    public void Produce(SchedulingCycle cycle)
    {
        var blockTokens = Parameters.BlockSizeTokens;
        if (Parameters.AutoTune && cycle.Count > 0 && cycle.MetricsAt(0).CacheBlockSize > 0) blockTokens = cycle.MetricsAt(0).CacheBlockSize;

        cycle.PrefixBlockSizeTokens = blockTokens;
        var source = cycle.Request.PrefixSource.Span;
        var blockBytes = blockTokens * PrefixBlockHasher.BytesPerToken;
        var count = PrefixBlockHasher.BlockCount(source.Length, blockBytes, Parameters.MaxBlocksFor(blockTokens));
        if (count == 0) return;

        var hashes = ArrayPool<ulong>.Shared.Rent(count);
        PrefixBlockHasher.ComputeBlockHashes(source, cycle.Request.TargetModel, blockBytes, hashes.AsSpan(0, count));
        cycle.PrefixHashes = hashes;
        cycle.PrefixHashCount = count;
        Index.Match(hashes.AsSpan(0, count), cycle.Endpoints, cycle.PrefixMatchedBlocks);
    }

    public void Abandon(SchedulingCycle cycle)
    {
        if (cycle.PrefixHashes is { } hashes) ArrayPool<ulong>.Shared.Return(hashes);
        cycle.PrefixHashes = null;
        cycle.PrefixHashCount = 0;
    }

    public void OnPicked(InferenceRequest request, SchedulingResult result)
    {
        if (request.SchedulingState is not SchedulingRequestState state || result.Primary is null) return;
        var count = state.PrefixHashCount;
        if (count == 0) return;

        // Recorded optimistically at pick time, as the reference does: the next request with this prefix should
        // already prefer this endpoint even though the prefill has not run yet.
        Index.Record(result.Primary, state.PrefixHashes);
        if (state.PrefillTarget is { } prefill && !ReferenceEquals(prefill, result.Primary)) Index.Record(prefill, state.PrefixHashes);
        _metrics?.RecordPrefixHitRatio((double)state.PrimaryMatchedBlocks / count);
        state.ReleasePrefixHashes();
    }

    public void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode)
    {
    }

    public void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed)
    {
        // Normally released at pick time; this covers a request abandoned between the decision and the pick.
        (request.SchedulingState as SchedulingRequestState)?.ReleasePrefixHashes();
    }
}
