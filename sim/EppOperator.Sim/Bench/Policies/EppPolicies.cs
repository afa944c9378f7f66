using EppOperator.Epp.Config;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// The EPP policies: the real scheduler, built from an <c>EndpointPickerConfig</c> by the EPP's own config
/// loader (<see cref="SchedulerBuilder"/>), with the run's virtual clock and seeded random. The scheduler is its own
/// request-control hook (it forwards to the prefix-index producer and the in-flight tracker it was built with).
/// </summary>
internal static class EppPolicies
{
    /// <summary>The reference's default weights with the extensions that can be switched off switched off: load
    /// scorers read only scraped metrics. (The stale-metrics filter stays: it never acts in a virtual run, where
    /// every scrape succeeds; the prefix index keeps its root-preserving eviction, which has no switch.)</summary>
    public const string GaieDefaultConfig = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: queue-scorer
          parameters:
            blendInFlight: false
        - type: kv-cache-utilization-scorer
        - type: prefix-cache-scorer
        schedulingProfiles:
        - name: default
          plugins:
          - pluginRef: queue-scorer
            weight: 2
          - pluginRef: kv-cache-utilization-scorer
            weight: 2
          - pluginRef: prefix-cache-scorer
            weight: 3
        """;

    public static BenchPolicy FromConfig(string name, string description, string configText)
    {
        // Fail at once on a broken configuration rather than in the middle of a parallel run.
        var check = Build(configText, TimeProvider.System, new Random(0));
        if (!check.Succeeded) throw new ArgumentException($"policy {name}: invalid EndpointPickerConfig: {check.Diagnostics.Describe()}", nameof(configText));

        return new BenchPolicy(name, description, env =>
        {
            var scheduler = Build(configText, env.Time, env.Random).Scheduler!;
            return new PolicyInstance(scheduler, [scheduler]);
        });
    }

    /// <summary>The reference weights prefix:queue:kv as a configuration with the project's extensions on.</summary>
    public static string Weights(double prefix, double queue, double kv) =>
        new Tune.ScorerWeights([new("prefix-cache-scorer", prefix), new("queue-scorer", queue), new("kv-cache-utilization-scorer", kv)]).ToConfigYaml();

    private static SchedulerBuildResult Build(string configText, TimeProvider time, Random random) =>
        new SchedulerBuilder(PluginRegistry.CreateDefault(), metrics: null, time, random).Build(configText);
}
