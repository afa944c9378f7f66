namespace EppOperator.Kube.Entities.Inference;

/// <summary>
/// Condition types and reasons of InferencePool parent status, as the upstream code defines them (its doc
/// comments mention "SupportedByParent" and "Pending", which the code does not use for v1).
/// </summary>
internal static class InferencePoolConditions
{
    public const string Accepted = "Accepted";
    public const string ResolvedRefs = "ResolvedRefs";
    public const string Exported = "Exported";

    public const string ReasonAccepted = "Accepted";
    public const string ReasonNotSupportedByParent = "NotSupportedByParent";
    public const string ReasonHttpRouteNotAccepted = "HTTPRouteNotAccepted";
    public const string ReasonEndpointPickerRefMissing = "EndpointPickerRefMissing";
    public const string ReasonResolvedRefs = "ResolvedRefs";
    public const string ReasonInvalidExtensionRef = "InvalidExtensionRef";
    public const string ReasonExported = "Exported";
    public const string ReasonNotRequested = "NotRequested";
    public const string ReasonNotSupported = "NotSupported";

    /// <summary>v1alpha2 only: the gateway does not support the pool.</summary>
    public const string ReasonNotSupportedByGateway = "NotSupportedByGateway";

    /// <summary>v1alpha2 only: the CRD's default placeholder status.</summary>
    public const string ReasonPending = "Pending";
}
