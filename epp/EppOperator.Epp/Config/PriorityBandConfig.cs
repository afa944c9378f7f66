namespace EppOperator.Epp.Config;

/// <summary>Flow-control limits and policies for one priority level (or the template for unlisted levels).</summary>
internal sealed record PriorityBandConfig
{
    public int Priority { get; init; }

    /// <summary>Bytes queued in the band; the reference defaults to 1 GB.</summary>
    public long? MaxBytes { get; init; }

    public long? MaxRequests { get; init; }

    public string? FairnessPolicyRef { get; init; }

    public string? OrderingPolicyRef { get; init; }

    public ConfigMark Mark { get; init; }
}
