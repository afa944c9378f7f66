using EppOperator.Epp.Config;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The EPP policies: the real scheduler, built from an <c>EndpointPickerConfig</c> by the EPP's own config
/// loader (<see cref="SchedulerBuilder"/>, through <see cref="EppAdmissionPolicies.Create"/>), with the run's virtual
/// clock and seeded random. The scheduler is its own request-control hook (it forwards to the prefix-index producer
/// and the in-flight tracker it was built with).
/// </summary>
internal static class EppPolicies
{
    /// <summary>The reference's default weights (prefix 3, queue 2, KV 2) with the extensions that can be switched
    /// off switched off: load scorers read only scraped metrics. (The stale-metrics filter stays: it never acts in a
    /// virtual run, where every scrape succeeds; the prefix index keeps its root-preserving eviction, which has no
    /// switch.)</summary>
    public static string GaieDefaultConfig { get; } =
        new Tune.ScorerWeights([new("prefix-cache-scorer", 3), new("queue-scorer", 2), new("kv-cache-utilization-scorer", 2)])
            .ToConfigYaml(blendInFlight: false);

    public static BenchPolicy FromConfig(string name, string description, string configText)
    {
        // Fail at once on a broken configuration rather than in the middle of a parallel run.
        var check = Build(configText, TimeProvider.System, new Random(0));
        if (!check.Succeeded) throw new ArgumentException($"policy {name}: invalid EndpointPickerConfig: {check.Diagnostics.Describe()}", nameof(configText));

        // As in the epp process, the scheduler runs behind the EPP's admission (which never sheds priority-0 requests).
        return new BenchPolicy(name, description, env => EppAdmissionPolicies.Create(env, configText));
    }

    /// <summary>The reference weights prefix:queue:kv as a configuration with the project's extensions on.</summary>
    public static string Weights(double prefix, double queue, double kv) =>
        new Tune.ScorerWeights([new("prefix-cache-scorer", prefix), new("queue-scorer", queue), new("kv-cache-utilization-scorer", kv)]).ToConfigYaml();

    private static SchedulerBuildResult Build(string configText, TimeProvider time, Random random) =>
        new SchedulerBuilder(PluginRegistry.CreateDefault(), metrics: null, time, random).Build(configText);
}
