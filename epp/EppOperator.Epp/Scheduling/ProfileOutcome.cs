namespace EppOperator.Epp.Scheduling;

/// <summary>What one profile run produced: its picks live in the cycle's pick buffer at [Start, Start + Count).</summary>
internal readonly record struct ProfileOutcome(bool Ran, int Start, int Count, string? Failure)
{
    public bool Succeeded => Ran && Count > 0;
}
