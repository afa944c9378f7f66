using EppOperator.Kube.Entities.Inference;

namespace EppOperator.Operator.Pools;

/// <summary>
/// An InferencePool of either API version, reduced to what the operator needs. The original object is kept for
/// owner references and Events; the operator never writes to its metadata or spec.
/// </summary>
internal sealed record InferencePoolView
{
    public required IKubernetesObject Object { get; init; }

    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public string Uid { get; init; } = "";

    public long Generation { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public required IReadOnlyDictionary<string, string> Selector { get; init; }

    public required IReadOnlyList<int> TargetPorts { get; init; }

    /// <summary><c>http</c> or <c>kubernetes.io/h2c</c>.</summary>
    public string AppProtocol { get; init; } = "http";

    /// <summary>The picker reference; null when the pool leaves it unset (v1 only).</summary>
    public EppReference? EppRef { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public bool IsV1 => Group == V1InferencePool.Group;

    /// <summary><c>GROUP/NAMESPACE/NAME</c>: identifies the pool across both versions.</summary>
    public string Key => $"{Group}/{Namespace}/{Name}";

    public bool IsHttp2 => AppProtocol == "kubernetes.io/h2c";

    public static InferencePoolView From(V1InferencePool pool) => new()
    {
        Object = pool,
        Group = V1InferencePool.Group,
        Version = V1InferencePool.EntityType.Version,
        Name = pool.Metadata.Name ?? "",
        Namespace = pool.Metadata.Namespace ?? "",
        Uid = pool.Metadata.Uid ?? "",
        Generation = pool.Metadata.Generation ?? 0,
        CreationTimestamp = pool.Metadata.CreationTimestamp,
        Selector = pool.Spec.Selector.MatchLabels,
        TargetPorts = [.. pool.Spec.TargetPorts.Select(p => p.Number)],
        AppProtocol = string.IsNullOrEmpty(pool.Spec.AppProtocol) ? "http" : pool.Spec.AppProtocol,
        EppRef = pool.Spec.EndpointPickerRef is { } r
            ? new EppReference(r.Group ?? "", string.IsNullOrEmpty(r.Kind) ? "Service" : r.Kind, r.Name, r.Port?.Number, r.FailureMode ?? InferenceFailureMode.FailClose)
            : null,
        Annotations = pool.Metadata.Annotations ?? [],
    };

    public static InferencePoolView From(V1Alpha2InferencePool pool)
    {
        var r = pool.Spec.ExtensionRef;
        var kind = string.IsNullOrEmpty(r.Kind) ? "Service" : r.Kind;
        return new InferencePoolView
        {
            Object = pool,
            Group = V1Alpha2InferencePool.Group,
            Version = V1Alpha2InferencePool.EntityType.Version,
            Name = pool.Metadata.Name ?? "",
            Namespace = pool.Metadata.Namespace ?? "",
            Uid = pool.Metadata.Uid ?? "",
            Generation = pool.Metadata.Generation ?? 0,
            CreationTimestamp = pool.Metadata.CreationTimestamp,
            Selector = pool.Spec.Selector,
            TargetPorts = [pool.Spec.TargetPortNumber],
            // v1alpha2 infers port 9002 for a Service when unset.
            EppRef = new EppReference(r.Group ?? "", kind, r.Name, r.PortNumber ?? (kind == "Service" ? OperatorConstants.ExtProcPort : null), r.FailureMode ?? InferenceFailureMode.FailClose),
            Annotations = pool.Metadata.Annotations ?? [],
        };
    }
}
