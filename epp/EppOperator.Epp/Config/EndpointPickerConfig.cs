using System.Collections.Immutable;

namespace EppOperator.Epp.Config;

/// <summary>
/// The GAIE <c>EndpointPickerConfig</c> document, as read from <c>--config-file</c> or <c>--config-text</c>:
/// plugin instances, scheduling profiles, feature gates and the sections other components consume. System defaults
/// are applied when the scheduler is built, not here, so this is what the user wrote.
/// </summary>
internal sealed record EndpointPickerConfig
{
    public const string ApiVersionGaie = "inference.networking.x-k8s.io/v1alpha1";
    public const string ApiVersionLlmD = "llm-d.ai/v1alpha1";
    public const string ConfigKind = "EndpointPickerConfig";

    public string ApiVersion { get; init; } = ApiVersionGaie;

    public string Kind { get; init; } = ConfigKind;

    public ImmutableArray<string> FeatureGates { get; init; } = [];

    public ImmutableArray<PluginSpec> Plugins { get; init; } = [];

    public ImmutableArray<SchedulingProfileSpec> SchedulingProfiles { get; init; } = [];

    public SaturationDetectorConfig? SaturationDetector { get; init; }

    public DataLayerConfig? DataLayer { get; init; }

    public FlowControlConfig? FlowControl { get; init; }

    public ParserConfig? Parser { get; init; }

    public bool HasFeatureGate(string gate) => FeatureGates.Contains(gate, StringComparer.Ordinal);
}
