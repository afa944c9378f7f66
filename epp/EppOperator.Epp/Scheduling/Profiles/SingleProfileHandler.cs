namespace EppOperator.Epp.Scheduling.Profiles;

/// <summary><c>single-profile-handler</c>: runs the only profile once; its pick is the result.</summary>
internal sealed class SingleProfileHandler(string name) : SchedulingPlugin(name), IProfileHandler
{
    public const string TypeName = "single-profile-handler";

    public override string Type => TypeName;

    public int SelectProfiles(SchedulingCycle cycle, IReadOnlyList<SchedulerProfile> profiles, ReadOnlySpan<ProfileOutcome> outcomes, Span<int> next)
    {
        if (outcomes[0].Ran) return 0;
        next[0] = 0;
        return 1;
    }

    public int SelectPrimary(SchedulingCycle cycle, IReadOnlyList<SchedulerProfile> profiles, ReadOnlySpan<ProfileOutcome> outcomes) =>
        outcomes[0].Succeeded ? 0 : -1;

    public string? Validate(IReadOnlyList<SchedulerProfile> profiles) => profiles.Count == 1
        ? null
        : $"{TypeName} needs exactly one scheduling profile, found {profiles.Count}";
}
