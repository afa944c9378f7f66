namespace EppOperator.Scheduling.Tests.Config;

/// <summary>The reference's documented configuration examples (epp-scheduler.md §3 and the configuration guide).</summary>
internal static class ReferenceExamples
{
    /// <summary>config-text.md: prefix-cache-scorer with weight 50, everything else from defaults.</summary>
    public const string ConfigText = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: prefix-cache-scorer
          parameters:
            blockSizeTokens: 5
            maxPrefixBlocksToMatch: 256
            lruCapacityPerServer: 31250
        schedulingProfiles:
        - name: default
          plugins:
          - pluginRef: prefix-cache-scorer
            weight: 50
        """;

    /// <summary>The same configuration with the defaults written out, as the guide says it is equivalent to.</summary>
    public const string ConfigTextWithDefaults = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: prefix-cache-scorer
          parameters:
            blockSizeTokens: 5
            maxPrefixBlocksToMatch: 256
            lruCapacityPerServer: 31250
        - type: single-profile-handler
        - type: max-score-picker
        schedulingProfiles:
        - name: default
          plugins:
          - pluginRef: prefix-cache-scorer
            weight: 50
          - pluginRef: max-score-picker
        """;

    /// <summary>The guide's aggregated-serving example: prefix 3, queue 2, KV 2 and an explicit picker.</summary>
    public const string PrefixQueueKv = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: prefix-cache-scorer
        - type: queue-scorer
        - type: kv-cache-utilization-scorer
        - type: max-score-picker
        schedulingProfiles:
        - name: default
          plugins:
          - pluginRef: prefix-cache-scorer
            weight: 3
          - pluginRef: queue-scorer
            weight: 2
          - pluginRef: kv-cache-utilization-scorer
            weight: 2
          - pluginRef: max-score-picker
        """;

    /// <summary>The guide's flow-control example with two priority bands.</summary>
    public const string FlowControl = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: round-robin-fairness-policy
        - type: edf-ordering-policy
        flowControl:
          maxBytes: 10Gi
          defaultRequestTTL: 30s
          priorityBands:
            - priority: 100
              maxBytes: 5Gi
              maxRequests: 500
              fairnessPolicyRef: round-robin-fairness-policy
            - priority: 50
              maxBytes: 2Gi
              maxRequests: 200
              orderingPolicyRef: edf-ordering-policy
        """;

    /// <summary>The guide's flowControl section form with every field.</summary>
    public const string FlowControlFull = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        flowControl:
          maxBytes: 10Gi
          maxRequests: 5000
          defaultRequestTTL: 60s
          defaultPriorityBand:
            maxBytes: 1Gi
            maxRequests: 1000
            orderingPolicyRef: fcfs-ordering-policy
            fairnessPolicyRef: global-strict-fairness-policy
          priorityBands:
            - priority: 100
              maxBytes: 5Gi
              maxRequests: 500
              orderingPolicyRef: fcfs-ordering-policy
              fairnessPolicyRef: round-robin-fairness-policy
            - priority: 50
              maxBytes: 2Gi
              maxRequests: 200
        """;

    /// <summary>The guide's saturation detector examples.</summary>
    public const string UtilizationDetector = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: utilization-detector
          parameters:
            queueDepthThreshold: 10
            kvCacheUtilThreshold: 0.9
            metricsStalenessThreshold: "500ms"
            headroom: 0.1
        saturationDetector:
          pluginRef: utilization-detector
        """;

    public const string ConcurrencyDetector = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: concurrency-detector
          parameters:
            concurrencyMode: "tokens"
            maxTokenConcurrency: 500000
            headroom: 0.05
        saturationDetector:
          pluginRef: concurrency-detector
        """;
}
