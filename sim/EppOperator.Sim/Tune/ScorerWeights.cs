using System.Globalization;
using System.Text;

namespace EppOperator.Sim.Tune;

/// <summary>
/// One point of the tuning grid: a weight per scorer type (0 leaves the scorer out), and the
/// <c>EndpointPickerConfig</c> that runs it on the EPP's default profile.
/// </summary>
internal sealed record ScorerWeights(IReadOnlyList<KeyValuePair<string, double>> Weights)
{
    private static readonly string[] BlendingScorers = ["queue-scorer", "running-requests-size-scorer", "predicted-ttft-scorer"];

    /// <summary>Short name for tables and policy keys, e.g. <c>prefix-cache-scorer=3,queue-scorer=5</c>.</summary>
    public string Label => string.Join(",", Weights.Where(w => w.Value > 0).Select(w => $"{Short(w.Key)}={Format(w.Value)}"));

    public bool IsEmpty => Weights.All(w => w.Value <= 0);

    /// <param name="blendInFlight">False turns the project's in-flight blend off in the scorers that have it,
    /// which is how the reference scores.</param>
    public string ToConfigYaml(bool blendInFlight = true)
    {
        var used = Weights.Where(w => w.Value > 0).ToList();
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: inference.networking.x-k8s.io/v1alpha1\n");
        yaml.Append("kind: EndpointPickerConfig\n");
        yaml.Append("plugins:\n");
        foreach (var (type, _) in used)
        {
            yaml.Append("- type: ").Append(type).Append('\n');
            if (!blendInFlight && BlendingScorers.Contains(type)) yaml.Append("  parameters:\n    blendInFlight: false\n");
        }

        yaml.Append("schedulingProfiles:\n");
        yaml.Append("- name: default\n");
        yaml.Append("  plugins:\n");
        foreach (var (type, weight) in used)
        {
            yaml.Append("  - pluginRef: ").Append(type).Append('\n');
            yaml.Append("    weight: ").Append(Format(weight)).Append('\n');
        }

        return yaml.ToString();
    }

    private static string Short(string type) => type.EndsWith("-scorer", StringComparison.Ordinal) ? type[..^"-scorer".Length] : type;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
