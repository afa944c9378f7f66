namespace EppOperator.Epp.Requests;

/// <summary>Header and metadata names of the endpoint-picker protocol (GAIE <c>metadata/consts.go</c>).</summary>
internal static class RequestHeaderNames
{
    public const string Path = ":path";
    public const string OriginalPath = "x-original-path";
    public const string ForwardedPath = "x-forwarded-path";
    public const string Status = ":status";
    public const string LegacyStatus = "status";
    public const string ContentType = "content-type";
    public const string ContentLength = "content-length";
    public const string RequestId = "x-request-id";

    public const string InferenceObjective = "x-gateway-inference-objective";
    public const string FairnessId = "x-gateway-inference-fairness-id";
    public const string ModelNameRewrite = "x-gateway-model-name-rewrite";

    /// <summary>The pick, as a header and under the <see cref="LbMetadataNamespace"/> dynamic metadata key.</summary>
    public const string DestinationEndpoint = "x-gateway-destination-endpoint";

    /// <summary>What the proxy actually connected to, reported back in response metadata.</summary>
    public const string DestinationEndpointServed = "x-gateway-destination-endpoint-served";

    public const string DestinationEndpointSubset = "x-gateway-destination-endpoint-subset";
    public const string LbMetadataNamespace = "envoy.lb";
    public const string SubsetHintNamespace = "envoy.lb.subset_hint";

    /// <summary>Conformance hook: a request header restricting candidates like the subset hint.</summary>
    public const string ConformanceEndpointSelection = "test-epp-endpoint-selection";

    /// <summary>Conformance hook: response header carrying the served endpoint.</summary>
    public const string ConformanceServedEndpoint = "x-conformance-test-served-endpoint";

    /// <summary>Marker the reference EPP sets on every response-headers reply; gateways' tests look for it.</summary>
    public const string WentIntoResponseHeaders = "x-went-into-resp-headers";

    public const string DefaultFairnessId = "default-flow";

    /// <summary>
    /// Request headers that only the EPP or the proxy may set. A client-supplied value is dropped on arrival so
    /// nothing downstream can mistake it for a routing decision (GAIE PR #2025 marks the same set system-owned).
    /// </summary>
    public static bool IsSystemOwned(string name) =>
        name is DestinationEndpoint or DestinationEndpointServed or DestinationEndpointSubset;
}
