namespace EppOperator.Epp.FlowControl;

/// <summary>Limits and policies of one priority band (or the template for priorities without their own).</summary>
internal sealed record BandOptions
{
    /// <summary>The reference's per-band byte limit when none is configured: 1 GB.</summary>
    public const long DefaultMaxBytes = 1_000_000_000;

    public int Priority { get; init; }

    /// <summary>Requests queued in the band; 0 is unlimited (the reference's default).</summary>
    public long MaxRequests { get; init; }

    /// <summary>Request bytes queued in the band; 0 is unlimited.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public string FairnessPolicy { get; init; } = GlobalStrictFairnessPolicy.TypeName;

    public string OrderingPolicy { get; init; } = FcfsOrderingPolicy.TypeName;
}
