namespace EppOperator.Testing.Kubernetes;

/// <summary>The built-in resources the fixture serves (the ones the EPP and the operator use, plus namespaces).</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Core("Pod", "pods", hasStatus: true, shortNames: ["po"], categories: ["all"]),
        Core("Service", "services", hasStatus: true, shortNames: ["svc"], categories: ["all"]),
        Core("ConfigMap", "configmaps", shortNames: ["cm"]),
        Core("Secret", "secrets"),
        Core("ServiceAccount", "serviceaccounts", shortNames: ["sa"]),
        Core("Event", "events", shortNames: ["ev"]),
        Core("Endpoints", "endpoints", shortNames: ["ep"]),
        Core("Namespace", "namespaces", hasStatus: true, namespaced: false, shortNames: ["ns"]),
        Core("Node", "nodes", hasStatus: true, namespaced: false, shortNames: ["no"]),
        Of("apps", "v1", "Deployment", "deployments", hasStatus: true, shortNames: ["deploy"], categories: ["all"]),
        Of("apps", "v1", "ReplicaSet", "replicasets", hasStatus: true, shortNames: ["rs"], categories: ["all"]),
        Of("rbac.authorization.k8s.io", "v1", "Role", "roles"),
        Of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false),
        Of("coordination.k8s.io", "v1", "Lease", "leases"),
        Of("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"),
        Of("events.k8s.io", "v1", "Event", "events", shortNames: ["ev"]),
        Of("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", hasStatus: true, namespaced: false, shortNames: ["crd", "crds"]),
    ];

    private static ResourceDefinition Core(string kind, string plural, bool hasStatus = false, bool namespaced = true, string[]? shortNames = null, string[]? categories = null) =>
        Of("", "v1", kind, plural, hasStatus, namespaced, shortNames, categories);

    private static ResourceDefinition Of(string group, string version, string kind, string plural, bool hasStatus = false, bool namespaced = true, string[]? shortNames = null, string[]? categories = null) =>
        new()
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            HasStatus = hasStatus,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
        };
}
