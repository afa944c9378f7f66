namespace EppOperator.Operator.Configuration;

/// <summary>What the operator configures in front of a pool's picker.</summary>
internal enum DataPlane
{
    /// <summary>Only the picker; the user wires the gateway.</summary>
    None,

    /// <summary>Envoy Gateway: an EnvoyExtensionPolicy per HTTPRoute that references the pool, plus its TLS Backend.</summary>
    EnvoyGateway,

    /// <summary>Istio 1.28+ (routes InferencePool natively): a DestinationRule that verifies the picker's certificate.</summary>
    Istio,

    /// <summary>A standalone Envoy per pool: bootstrap ConfigMap, Deployment and Service, plus a headless shadow Service.</summary>
    Envoy,
}
