namespace EppOperator.Epp.Config;

/// <summary>
/// What the scheduler does when the configuration does not say: the reference's default profile, and which of the
/// extensions beyond the reference are on by default (each justified by a measurement, see the project README).
/// </summary>
internal static class SchedulerDefaults
{
    /// <summary>The reference's configuration when no <c>--config-file</c> / <c>--config-text</c> is given: prefix 3, queue 2, KV 2.</summary>
    public const string ConfigText = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: queue-scorer
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

    public const string DefaultProfileName = "default";

    /// <summary>Load scorers count picks made since the last scrape (<c>blendInFlight</c> parameter when unset).</summary>
    public const bool BlendInFlight = true;

    /// <summary>Every profile down-weights, then excludes, endpoints with stale metrics unless configured otherwise.</summary>
    public const bool StaleMetricsFilter = true;
}
