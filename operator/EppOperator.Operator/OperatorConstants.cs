namespace EppOperator.Operator;

/// <summary>Names the operator writes into the cluster: labels, annotations, ports, controller identity.</summary>
internal static class OperatorConstants
{
    /// <summary>The operator's API domain, used as the prefix of its labels and annotations.</summary>
    public const string Domain = "eppoperator.io";

    /// <summary>Written as <c>controllerName</c> on the InferencePool parent entries this operator owns.</summary>
    public const string ControllerName = Domain + "/epp-operator";

    /// <summary>Server-side apply field manager of every child object.</summary>
    public const string FieldManager = "epp-operator";

    /// <summary>Version stamped on generated CRDs and used as the default image tag.</summary>
    public const string BundleVersion = "v0.1.0";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "epp-operator";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    /// <summary>On every child: the UID of the pool it belongs to (cleanup of cross-namespace children uses it).</summary>
    public const string PoolUidLabel = Domain + "/pool-uid";

    /// <summary>On every child: <c>GROUP/NAMESPACE/NAME</c> of the pool, so a child event can requeue it.</summary>
    public const string PoolAnnotation = Domain + "/inferencepool";

    /// <summary>On every child: hash of the desired object, so an unchanged child is never rewritten.</summary>
    public const string SpecHashAnnotation = Domain + "/spec-hash";

    /// <summary>On pod templates: hash of the mounted configuration, so a change rolls the pods.</summary>
    public const string ConfigHashAnnotation = Domain + "/config-hash";

    // Pool annotations users set (the operator never writes to the pool's metadata).

    /// <summary><c>"true"</c>: the operator runs the picker behind the Service named in the pool's picker reference.</summary>
    public const string ManagedEppAnnotation = Domain + "/managed-epp";

    /// <summary>The data plane for this pool: <c>envoy-gateway</c>, <c>istio</c>, <c>envoy</c> or <c>none</c>.</summary>
    public const string DataPlaneAnnotation = Domain + "/data-plane";

    /// <summary>Number of picker replicas (more than one enables leader election).</summary>
    public const string EppReplicasAnnotation = Domain + "/epp-replicas";

    /// <summary>A ConfigMap (<c>NAME</c> or <c>NAME/KEY</c>) in the pool's namespace holding the EndpointPickerConfig.</summary>
    public const string EppConfigAnnotation = Domain + "/epp-config";

    /// <summary>
    /// <c>"true"</c>: the picker runs with <c>--conformance-hooks</c> (clients choose the pod with a header), for
    /// Gateway API Inference Extension conformance runs and end-to-end tests only; off without it.
    /// </summary>
    public const string EppConformanceHooksAnnotation = Domain + "/epp-conformance-hooks";

    /// <summary>Number of standalone Envoy replicas.</summary>
    public const string EnvoyReplicasAnnotation = Domain + "/envoy-replicas";

    // Picker ports (GAIE's defaults).
    public const int ExtProcPort = 9002;
    public const int HealthPort = 9003;
    public const int MetricsPort = 9090;

    // Standalone Envoy ports.
    public const int EnvoyListenerPort = 8081;
    public const int EnvoyAdminPort = 19000;
    public const int EnvoyReadyPort = 19001;
}
