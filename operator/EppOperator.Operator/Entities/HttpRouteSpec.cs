namespace EppOperator.Operator.Entities;

/// <summary>The parts of an HTTPRoute spec the operator reads.</summary>
internal sealed class HttpRouteSpec : KubeModel
{
    public List<RouteParentReference>? ParentRefs { get; set; }

    public List<HttpRouteRule>? Rules { get; set; }
}
