using System.Buffers;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// What a decision leaves on the request (<see cref="Requests.InferenceRequest.SchedulingState"/>) for the
/// request-control hooks: which scheduler instance made it (a reload may swap instances before the response ends),
/// the prompt's block hashes to record at pick time, and the in-flight accounting to undo at completion.
/// </summary>
internal sealed class SchedulingRequestState(PluginScheduler owner)
{
    private ulong[]? _prefixHashes;
    private int _inFlightAdded;

    public PluginScheduler Owner { get; } = owner;

    public int PrefixHashCount { get; private set; }

    /// <summary>Blocks of the prompt the primary endpoint was believed to hold when it was picked.</summary>
    public int PrimaryMatchedBlocks { get; init; }

    /// <summary>Primary of a profile named <c>prefill</c>, when one ran (disaggregated serving).</summary>
    public Endpoint? PrefillTarget { get; init; }

    public ReadOnlySpan<ulong> PrefixHashes => _prefixHashes.AsSpan(0, PrefixHashCount);

    public Endpoint? InFlightEndpoint { get; private set; }

    public long InFlightTokens { get; private set; }

    /// <summary>Takes ownership of a pooled hash buffer.</summary>
    public void AttachPrefixHashes(ulong[]? hashes, int count)
    {
        _prefixHashes = hashes;
        PrefixHashCount = hashes is null ? 0 : count;
    }

    /// <summary>Returns the hash buffer to the pool; the hashes are gone afterwards.</summary>
    public void ReleasePrefixHashes()
    {
        var hashes = Interlocked.Exchange(ref _prefixHashes, null);
        PrefixHashCount = 0;
        if (hashes is not null) ArrayPool<ulong>.Shared.Return(hashes);
    }

    /// <summary>Adds the request to the endpoint's in-flight counters once.</summary>
    public bool TryAddInFlight(Endpoint endpoint, long tokens)
    {
        if (Interlocked.CompareExchange(ref _inFlightAdded, 1, 0) != 0) return false;
        InFlightEndpoint = endpoint;
        InFlightTokens = tokens;
        endpoint.AddInFlight(tokens);
        return true;
    }

    /// <summary>Removes what <see cref="TryAddInFlight"/> added, once.</summary>
    public bool TryRemoveInFlight()
    {
        if (Interlocked.CompareExchange(ref _inFlightAdded, 2, 1) != 1) return false;
        InFlightEndpoint!.RemoveInFlight(InFlightTokens);
        return true;
    }
}
