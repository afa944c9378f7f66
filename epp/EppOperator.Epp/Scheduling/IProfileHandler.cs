namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Decides which profiles run for a request and which profile's pick becomes the result (the reference's
/// ProfileHandler.Pick / ProcessResults loop).
/// </summary>
internal interface IProfileHandler : ISchedulingPlugin
{
    /// <summary>
    /// Writes the positions (in <paramref name="profiles"/>) of the profiles to run next into <paramref name="next"/>
    /// and returns how many; zero ends the cycle. <paramref name="outcomes"/> is parallel to the profiles.
    /// </summary>
    int SelectProfiles(SchedulingCycle cycle, IReadOnlyList<SchedulerProfile> profiles, ReadOnlySpan<ProfileOutcome> outcomes, Span<int> next);

    /// <summary>The profile whose pick is the result, or -1 when the request cannot be scheduled.</summary>
    int SelectPrimary(SchedulingCycle cycle, IReadOnlyList<SchedulerProfile> profiles, ReadOnlySpan<ProfileOutcome> outcomes);

    /// <summary>Rejects profile sets this handler cannot work with (checked when the configuration is loaded).</summary>
    string? Validate(IReadOnlyList<SchedulerProfile> profiles);
}
