namespace EppOperator.Operator.Entities;

/// <summary>One HTTPRoute rule; only its backends matter to the operator.</summary>
internal sealed class HttpRouteRule : KubeModel
{
    public List<RouteBackendReference>? BackendRefs { get; set; }
}
