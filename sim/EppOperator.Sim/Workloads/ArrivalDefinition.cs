namespace EppOperator.Sim.Workloads;

/// <summary>
/// Open-loop arrivals: a Poisson process at the mean rate, or on/off bursts (Poisson within each phase) whose
/// peak is <see cref="PeakFactor"/> times the mean, with the off-phase rate chosen so the long-run mean holds.
/// </summary>
internal sealed record ArrivalDefinition
{
    /// <summary><c>poisson</c> or <c>bursty</c>.</summary>
    public string Type { get; init; } = "poisson";

    public double OnSeconds { get; init; } = 2;

    public double OffSeconds { get; init; } = 6;

    public double PeakFactor { get; init; } = 4;

    public bool IsBursty => Type == "bursty";

    /// <summary>Rate of the off phase as a multiple of the mean.</summary>
    public double OffFactor => Math.Max(0, ((OnSeconds + OffSeconds) - PeakFactor * OnSeconds) / OffSeconds);

    public string? Validate()
    {
        if (Type is not ("poisson" or "bursty")) return "arrival.type must be poisson or bursty";
        if (!IsBursty) return null;
        if (OnSeconds <= 0 || OffSeconds <= 0) return "arrival.onSeconds and arrival.offSeconds must be positive";
        if (PeakFactor < 1 || PeakFactor * OnSeconds > OnSeconds + OffSeconds) return "arrival.peakFactor must be within [1, (on + off) / on]";
        return null;
    }
}
