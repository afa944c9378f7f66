using System.Collections.Immutable;

namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// Keeps endpoints whose pod label <see cref="Label"/> has one of <see cref="ValidValues"/> (or is absent, when
/// <see cref="AllowsNoLabel"/>). Backs <c>by-label</c> and the disaggregation role filters <c>decode-filter</c>,
/// <c>prefill-filter</c> and <c>encode-filter</c> on <c>llm-d.ai/role</c>.
/// </summary>
internal sealed class LabelFilter(string name, string type, string label, ImmutableArray<string> validValues, bool allowsNoLabel)
    : SchedulingPlugin(name), IFilter
{
    public const string ByLabelType = "by-label";
    public const string DecodeFilterType = "decode-filter";
    public const string PrefillFilterType = "prefill-filter";
    public const string EncodeFilterType = "encode-filter";
    public const string RoleLabel = "llm-d.ai/role";

    public override string Type { get; } = type;

    public string Label { get; } = label;

    public ImmutableArray<string> ValidValues { get; } = validValues;

    public bool AllowsNoLabel { get; } = allowsNoLabel;

    public static LabelFilter Decode(string name) => new(name, DecodeFilterType, RoleLabel, ["decode", "prefill-decode", "both", "encode-prefill-decode"], allowsNoLabel: true);

    public static LabelFilter Prefill(string name) => new(name, PrefillFilterType, RoleLabel, ["prefill", "encode-prefill", "prefill-decode", "both", "encode-prefill-decode"], allowsNoLabel: false);

    public static LabelFilter Encode(string name) => new(name, EncodeFilterType, RoleLabel, ["encode", "encode-prefill", "encode-decode", "encode-prefill-decode"], allowsNoLabel: false);

    public int Filter(SchedulingCycle cycle, Span<int> selection) =>
        FilterSelection.Keep(selection, (cycle, this), static (s, i) => s.Item2.Matches(s.cycle.Endpoints[i].Spec.Labels));

    public bool Matches(ImmutableDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(Label, out var value)) return AllowsNoLabel;
        foreach (var valid in ValidValues)
        {
            if (string.Equals(valid, value, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
