using EppOperator.Epp.Scheduling;

namespace EppOperator.Epp.Config;

/// <summary>A scheduler's profiles as one line (filters, weighted scorers, picker), formatted only when logged.</summary>
internal readonly struct ProfileSummary(PluginScheduler scheduler)
{
    public override string ToString() => string.Join("; ", scheduler.Profiles.Select(p =>
        $"{p.Name}: [{string.Join(", ", p.Filters.Select(f => f.Name))}] " +
        $"[{string.Join(", ", p.Scorers.Select(s => $"{s.Scorer.Name}×{s.Weight}"))}] {p.Picker.Name}"));
}
