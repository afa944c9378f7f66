namespace EppOperator.Operator.Epp;

/// <summary>
/// The EndpointPickerConfig a managed picker gets unless the pool names its own ConfigMap: GAIE's default profile
/// (queue 2, KV-cache utilisation 2, prefix cache 3, max-score picker).
/// </summary>
internal static class EndpointPickerConfigDefaults
{
    public const string Yaml = """
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
}
