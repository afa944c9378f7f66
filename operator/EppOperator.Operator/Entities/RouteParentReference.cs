namespace EppOperator.Operator.Entities;

/// <summary>A route's parent, usually a Gateway (group and kind default to Gateway API's Gateway).</summary>
internal sealed class RouteParentReference : KubeModel
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string Name { get; set; } = "";

    public string? Namespace { get; set; }

    public string? SectionName { get; set; }

    public int? Port { get; set; }
}
