using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Rbac;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Crds;
using EppOperator.Operator.Epp;

namespace EppOperator.Operator.Install;

/// <summary>
/// The operator's own installation as plain objects (<c>epp-operator manifests</c>; the Helm chart renders the
/// same): Namespace, ServiceAccount, a least-privilege ClusterRole and its binding, the Deployment and the metrics
/// Service, optionally preceded by the CRDs.
/// </summary>
/// <remarks>
/// RBAC: read the inference kinds and update only their <c>/status</c>; <c>inferencepools/finalizers</c> update so
/// children may set <c>blockOwnerDeletion</c> on the pool; create, apply and delete only the kinds of children it
/// creates; its own lease. It also holds what it grants to pickers (pods read, leases), because RBAC forbids
/// granting what one lacks.
/// </remarks>
internal static class InstallManifestBuilder
{
    public const string Name = "epp-operator";
    public const int MetricsPort = 8080;
    public const int HealthPort = 8081;

    public static IReadOnlyList<IKubernetesObject> Build(InstallOptions options)
    {
        var objects = new List<IKubernetesObject>();
        if (options.Crds) objects.AddRange(CrdCatalog.All.Select(CrdGenerator.Generate));
        objects.Add(new Namespace { Metadata = new ObjectMeta { Name = options.Namespace, Labels = Labels() } });
        objects.Add(new ServiceAccount { Metadata = Meta(options) });
        objects.Add(new ClusterRole { Metadata = new ObjectMeta { Name = Name, Labels = Labels() }, Rules = Rules(options) });
        objects.Add(new ClusterRoleBinding
        {
            Metadata = new ObjectMeta { Name = Name, Labels = Labels() },
            RoleRef = new RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = Name },
            Subjects = [new Subject { Kind = "ServiceAccount", Name = Name, Namespace = options.Namespace }],
        });
        objects.Add(Deployment(options));
        objects.Add(new Service
        {
            Metadata = Meta(options, Name + "-metrics"),
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = SelectorLabels(),
                Ports = [new ServicePort { Name = "http-metrics", Port = MetricsPort, TargetPort = IntOrString.FromInt(MetricsPort), Protocol = "TCP" }],
            },
        });
        return objects;
    }

    /// <summary>The arguments of the operator container.</summary>
    public static List<string> Arguments(InstallOptions options) =>
    [
        "run",
        "--data-plane", DataPlaneNames.ToName(options.DataPlane),
        "--epp-image", options.EppImage,
        "--envoy-image", options.EnvoyImage,
        "--secure-serving=" + Bool(options.SecureServing),
        "--leader-election=" + Bool(options.LeaderElection),
        "--enable-envoy-gateway=" + Bool(options.EnvoyGateway),
        "--enable-istio=" + Bool(options.Istio),
    ];

    /// <summary>
    /// The ClusterRole's rules: exactly the verbs the operator's requests need (a test checks every request of a
    /// reconcile of each data plane against them), plus what it grants to pickers (pods read).
    /// </summary>
    public static List<PolicyRule> Rules(InstallOptions options)
    {
        string[] read = ["get", "list", "watch"];
        // Children are created with POST (so a stranger's object of the same name is detected), changed by
        // server-side apply (PATCH) and pruned with DELETE; never replaced with PUT.
        string[] children = ["get", "list", "watch", "create", "patch", "delete"];
        const string v1 = Kube.Entities.Inference.V1InferencePool.Group;
        const string x = Kube.Entities.Inference.V1Alpha2InferencePool.Group;
        var rules = new List<PolicyRule>
        {
            Rule([v1], ["inferencepools"], read),
            Rule([v1], ["inferencepools/status"], ["update"]),
            Rule([v1], ["inferencepools/finalizers"], ["update"]),
            Rule([x], ["inferencepools", "inferencemodels", "inferenceobjectives", "inferencemodelrewrites"], read),
            Rule([x], ["inferencepools/status", "inferencemodels/status", "inferenceobjectives/status", "inferencemodelrewrites/status"], ["update"]),
            Rule([x], ["inferencepools/finalizers"], ["update"]),
            Rule([""], ["services", "configmaps", "secrets", "serviceaccounts"], children),
            Rule([""], ["pods"], read),
            Rule([""], ["events"], ["create", "patch"]),
            Rule(["apps"], ["deployments"], children),
            Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], children),
            Rule(["coordination.k8s.io"], ["leases"], ["get", "create", "update"]),
            Rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], ["get"]),
            Rule(["gateway.networking.k8s.io"], ["httproutes"], ["list", "watch"]),
        };
        if (options.EnvoyGateway) rules.Add(Rule(["gateway.envoyproxy.io"], ["envoyextensionpolicies", "backends", "backendtrafficpolicies"], children));
        if (options.Istio) rules.Add(Rule(["networking.istio.io"], ["destinationrules"], children));
        return rules;
    }

    private static Deployment Deployment(InstallOptions options) => new()
    {
        Metadata = Meta(options),
        Spec = new DeploymentSpec
        {
            Replicas = options.Replicas,
            Selector = new LabelSelector { MatchLabels = SelectorLabels() },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = Labels() },
                Spec = new PodSpec
                {
                    ServiceAccountName = Name,
                    TerminationGracePeriodSeconds = 30,
                    SecurityContext = EppChildrenBuilder.PodSecurity(),
                    Containers =
                    [
                        new Container
                        {
                            Name = "operator",
                            Image = options.Image,
                            ImagePullPolicy = options.ImagePullPolicy,
                            Args = Arguments(options),
                            Env =
                            [
                                new EnvVar { Name = "POD_NAMESPACE", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
                                new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
                            ],
                            Ports =
                            [
                                new ContainerPort { Name = "metrics", Port = MetricsPort, Protocol = "TCP" },
                                new ContainerPort { Name = "health", Port = HealthPort, Protocol = "TCP" },
                            ],
                            LivenessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = IntOrString.FromInt(HealthPort) }, PeriodSeconds = 10 },
                            ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/readyz", Port = IntOrString.FromInt(HealthPort) }, PeriodSeconds = 5 },
                            Resources = new ResourceRequirements
                            {
                                Requests = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" },
                                Limits = new Dictionary<string, string> { ["memory"] = "512Mi" },
                            },
                            SecurityContext = EppChildrenBuilder.ContainerSecurity(),
                            VolumeMounts = [new VolumeMount { Name = "tmp", MountPath = "/tmp" }],
                        },
                    ],
                    Volumes = [new Volume { Name = "tmp", EmptyDir = JsonElements.EmptyObject() }],
                },
            },
        },
    };

    private static PolicyRule Rule(string[] groups, string[] resources, string[] verbs) => new() { ApiGroups = [.. groups], Resources = [.. resources], Verbs = [.. verbs] };

    private static Dictionary<string, string> SelectorLabels() => new() { [OperatorConstants.NameLabel] = Name };

    private static Dictionary<string, string> Labels() => new()
    {
        [OperatorConstants.NameLabel] = Name,
        [OperatorConstants.PartOfLabel] = Name,
    };

    private static ObjectMeta Meta(InstallOptions options, string name = Name) => new() { Name = name, Namespace = options.Namespace, Labels = Labels() };

    private static string Bool(bool value) => value ? "true" : "false";
}
