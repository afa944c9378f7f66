using System.Collections.Immutable;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// What <see cref="FlowController"/> enforces, mapped from the <c>flowControl</c> section of the
/// <c>EndpointPickerConfig</c> (see <see cref="FlowControlFactory"/>). Zero limits mean unlimited.
/// </summary>
internal sealed record FlowControlOptions
{
    /// <summary>How often a non-empty queue re-reads saturation when nothing else woke it: the scrape interval.</summary>
    public static readonly TimeSpan DefaultRecheckInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Requests queued across all bands; 0 is unlimited.</summary>
    public long MaxRequests { get; init; }

    /// <summary>Request bytes queued across all bands; 0 is unlimited.</summary>
    public long MaxBytes { get; init; }

    /// <summary>Longest wait for requests without an earlier client deadline; zero waits until dispatch or disconnect.</summary>
    public TimeSpan DefaultRequestTtl { get; init; }

    /// <summary>Template for priorities not listed in <see cref="Bands"/>.</summary>
    public BandOptions DefaultBand { get; init; } = new();

    public ImmutableDictionary<int, BandOptions> Bands { get; init; } = ImmutableDictionary<int, BandOptions>.Empty;

    /// <summary>
    /// Saturation also falls when model servers work through their queues, which the EPP learns only from the next
    /// scrape (the data layer swaps metrics without an event); a waiting queue therefore re-checks at this interval.
    /// Completions, arrivals and placements wake it at once. Zero disables the re-check.
    /// </summary>
    public TimeSpan RecheckInterval { get; init; } = DefaultRecheckInterval;

    public BandOptions BandFor(int priority) =>
        Bands.TryGetValue(priority, out var band) ? band : DefaultBand with { Priority = priority };
}
