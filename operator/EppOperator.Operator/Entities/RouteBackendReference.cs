namespace EppOperator.Operator.Entities;

/// <summary>A rule's backend; an InferencePool backend has group <c>inference.networking.k8s.io</c> and kind InferencePool.</summary>
internal sealed class RouteBackendReference : KubeModel
{
    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string Name { get; set; } = "";

    public string? Namespace { get; set; }

    public int? Port { get; set; }

    public int? Weight { get; set; }
}
