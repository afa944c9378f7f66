using System.Collections.Immutable;

namespace EppOperator.Epp.Config;

/// <summary>A <c>schedulingProfiles</c> entry: a name and the plugins it runs, each slotted by what it is.</summary>
internal sealed record SchedulingProfileSpec(string Name, ImmutableArray<ProfilePluginRef> Plugins, ConfigMark Mark);
