using System.Globalization;
using EppOperator.Sim.Bench.Policies;

namespace EppOperator.Sim.Live;

/// <summary>
/// The <c>epp+fc</c> live policy's EPP: the virtual bench's <c>epp+fc</c> configuration (the default scheduler plus
/// <c>featureGates: [flowControl]</c>) as <c>--config-text</c>, and an InferenceObjective giving the load generator's
/// sheddable objective a negative priority, written beside the run's logs for <c>--inference-resources-file</c>.
/// Requests naming no objective keep priority 0.
/// </summary>
internal static class LiveFlowControl
{
    /// <summary>The priority of sheddable traffic, as in the virtual flow-control benchmark.</summary>
    public const int SheddablePriority = -1;

    public const string ManifestFileName = "inference-objectives.yaml";

    /// <summary>The InferenceObjective manifest the EPP reads: <paramref name="objective"/> at <see cref="SheddablePriority"/>.</summary>
    public static string Manifest(string objective) => string.Create(CultureInfo.InvariantCulture, $"""
        apiVersion: inference.networking.x-k8s.io/v1alpha2
        kind: InferenceObjective
        metadata:
          name: {objective}
        spec:
          priority: {SheddablePriority}

        """);

    /// <summary>Writes the objective manifest into <paramref name="directory"/> and returns the flags that give the EPP flow control and it.</summary>
    public static IReadOnlyList<string> EppArguments(string directory, string objective)
    {
        Directory.CreateDirectory(directory);
        var manifest = Path.Combine(directory, ManifestFileName);
        File.WriteAllText(manifest, Manifest(objective));
        return ["--config-text", EppAdmissionPolicies.FlowControlConfigText, "--inference-resources-file", manifest];
    }
}
