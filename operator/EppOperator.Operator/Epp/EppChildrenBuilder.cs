using EppOperator.Epp.Config;
using EppOperator.Epp.Health;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Rbac;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Epp;

/// <summary>
/// The objects that run a pool's picker: ServiceAccount, a least-privilege Role and its RoleBinding, the
/// EndpointPickerConfig ConfigMap (the picker's own default, <see cref="SchedulerDefaults.ConfigText"/>, unless the
/// pool names a ConfigMap), the Deployment and the Service. Arguments use the <c>epp</c> executable's flag
/// names (GAIE's where they overlap); probes hit gRPC health on 9003; the container runs as non-root with a
/// read-only root filesystem; with more than one replica the pickers elect a leader, and updates always use
/// <c>Recreate</c> because readiness follows leadership (a rolling update would wait forever on a non-leader).
/// </summary>
internal static class EppChildrenBuilder
{
    public const string Component = "epp";
    public const string ConfigMountPath = "/etc/epp/config";
    public const string TlsMountPath = "/etc/epp/tls";

    /// <summary>The picker's objects; the TLS Secret comes from <paramref name="facts"/> when secure serving is on.</summary>
    public static IReadOnlyList<IKubernetesObject> Build(InferencePoolView pool, PoolIntent intent, PoolFacts facts, OperatorSettings settings)
    {
        var name = ChildNames.Epp(pool.Name);
        var children = new List<IKubernetesObject>
        {
            new ServiceAccount { Metadata = ChildMetadata.For(pool, name, Component), AutomountServiceAccountToken = true },
            BuildRole(pool, name, intent.EppReplicas > 1),
            BuildRoleBinding(pool, name),
        };

        string configName, configKey, configHash;
        if (intent.EppConfig is { } userConfig)
        {
            (configName, configKey, configHash) = (userConfig.Name, userConfig.Key, facts.UserEppConfigHash ?? "missing");
        }
        else
        {
            var config = new ConfigMap
            {
                Metadata = ChildMetadata.For(pool, ChildNames.EppConfig(pool.Name), Component),
                Data = new Dictionary<string, string> { [ConfigMapKeyReference.DefaultKey] = SchedulerDefaults.ConfigText },
            };
            children.Add(config);
            (configName, configKey, configHash) = (config.Metadata.Name!, ConfigMapKeyReference.DefaultKey, ContentHash.Of(SchedulerDefaults.ConfigText));
        }

        if (settings.SecureServing && facts.EppTlsSecret is { } tls) children.Add(tls);
        children.Add(BuildDeployment(pool, intent, settings, name, configName, configKey, configHash));
        children.Add(BuildService(pool, intent, settings));
        return children;
    }

    /// <summary>The arguments of the picker container; a test checks them against the <c>epp</c> executable's flags.</summary>
    public static List<string> Arguments(InferencePoolView pool, PoolIntent intent, OperatorSettings settings, string configKey)
    {
        var args = new List<string>
        {
            "--pool-name", pool.Name,
            "--pool-namespace", pool.Namespace,
            "--pool-group", pool.Group,
            "--grpc-port", Invariant(OperatorConstants.ExtProcPort),
            "--grpc-health-port", Invariant(OperatorConstants.HealthPort),
            "--metrics-port", Invariant(OperatorConstants.MetricsPort),
            "--config-file", $"{ConfigMountPath}/{configKey}",
            "--secure-serving=" + (settings.SecureServing ? "true" : "false"),
        };
        if (settings.SecureServing) args.AddRange(["--cert-path", TlsMountPath]);
        if (intent.EppReplicas > 1) args.Add("--ha-enable-leader-election");
        if (intent.EppConformanceHooks) args.Add("--conformance-hooks");
        return args;
    }

    private static Role BuildRole(InferencePoolView pool, string name, bool leaderElection)
    {
        string[] read = ["get", "list", "watch"];
        var rules = new List<PolicyRule>
        {
            new() { ApiGroups = [""], Resources = ["pods"], Verbs = [.. read] },
            new() { ApiGroups = [pool.Group], Resources = ["inferencepools"], Verbs = [.. read] },
            new()
            {
                ApiGroups = [Kube.Entities.Inference.V1Alpha2InferencePool.Group],
                Resources = ["inferencemodels", "inferenceobjectives", "inferencemodelrewrites"],
                Verbs = [.. read],
            },
        };
        // The picker's elector reads, creates and renews its one Lease; it records no Events.
        if (leaderElection) rules.Add(new PolicyRule { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = ["get", "create", "update"] });

        return new Role { Metadata = ChildMetadata.For(pool, name, Component), Rules = rules };
    }

    private static RoleBinding BuildRoleBinding(InferencePoolView pool, string name) => new()
    {
        Metadata = ChildMetadata.For(pool, name, Component),
        RoleRef = new RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
        Subjects = [new Subject { Kind = "ServiceAccount", Name = name, Namespace = pool.Namespace }],
    };

    private static Deployment BuildDeployment(InferencePoolView pool, PoolIntent intent, OperatorSettings settings, string name, string configName, string configKey, string configHash)
    {
        var selector = ChildMetadata.SelectorLabels(pool, Component);
        var podLabels = new Dictionary<string, string>(selector) { [OperatorConstants.ManagedByLabel] = OperatorConstants.ManagedByValue };
        var mounts = new List<VolumeMount>
        {
            new() { Name = "config", MountPath = ConfigMountPath, ReadOnly = true },
            new() { Name = "tmp", MountPath = "/tmp" },
        };
        var volumes = new List<Volume>
        {
            new() { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = configName } },
            new() { Name = "tmp", EmptyDir = JsonElements.EmptyObject() },
        };
        if (settings.SecureServing)
        {
            mounts.Add(new VolumeMount { Name = "tls", MountPath = TlsMountPath, ReadOnly = true });
            volumes.Add(new Volume { Name = "tls", Secret = new SecretVolumeSource { SecretName = ChildNames.EppTls(pool.Name) } });
        }

        return new Deployment
        {
            Metadata = ChildMetadata.For(pool, name, Component),
            Spec = new DeploymentSpec
            {
                Replicas = intent.EppReplicas,
                Selector = new LabelSelector { MatchLabels = selector },
                Strategy = new DeploymentStrategy { Type = "Recreate" },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta
                    {
                        Labels = podLabels,
                        Annotations = new Dictionary<string, string> { [OperatorConstants.ConfigHashAnnotation] = configHash },
                    },
                    Spec = new PodSpec
                    {
                        ServiceAccountName = name,
                        AutomountServiceAccountToken = true,
                        // The picker drains for up to 30 s after SIGTERM (--drain-timeout); leave headroom.
                        TerminationGracePeriodSeconds = 60,
                        SecurityContext = PodSecurity(),
                        Containers =
                        [
                            new Container
                            {
                                Name = Component,
                                Image = settings.EppImage,
                                ImagePullPolicy = settings.ImagePullPolicy,
                                Args = Arguments(pool, intent, settings, configKey),
                                Env =
                                [
                                    FieldEnv("NAMESPACE", "metadata.namespace"),
                                    FieldEnv("POD_NAME", "metadata.name"),
                                    FieldEnv("POD_IP", "status.podIP"),
                                ],
                                Ports =
                                [
                                    new ContainerPort { Name = "grpc", Port = OperatorConstants.ExtProcPort, Protocol = "TCP" },
                                    new ContainerPort { Name = "grpc-health", Port = OperatorConstants.HealthPort, Protocol = "TCP" },
                                    new ContainerPort { Name = "metrics", Port = OperatorConstants.MetricsPort, Protocol = "TCP" },
                                ],
                                LivenessProbe = new Probe { Grpc = new GrpcAction { Port = OperatorConstants.HealthPort, Service = EppReadiness.LivenessService }, PeriodSeconds = 10, FailureThreshold = 3 },
                                ReadinessProbe = new Probe { Grpc = new GrpcAction { Port = OperatorConstants.HealthPort, Service = EppReadiness.ReadinessService }, PeriodSeconds = 2, FailureThreshold = 3 },
                                Resources = new ResourceRequirements { Requests = new(settings.EppRequests), Limits = new(settings.EppLimits) },
                                SecurityContext = ContainerSecurity(),
                                VolumeMounts = mounts,
                            },
                        ],
                        Volumes = volumes,
                    },
                },
            },
        };
    }

    private static Service BuildService(InferencePoolView pool, PoolIntent intent, OperatorSettings settings) => new()
    {
        Metadata = ChildMetadata.For(pool, intent.EppServiceName, Component),
        Spec = new ServiceSpec
        {
            Type = "ClusterIP",
            Selector = ChildMetadata.SelectorLabels(pool, Component),
            Ports =
            [
                new ServicePort
                {
                    Name = "grpc-ext-proc",
                    Port = intent.EppServicePort,
                    TargetPort = IntOrString.FromInt(OperatorConstants.ExtProcPort),
                    Protocol = "TCP",
                    // h2c tells gateways to speak HTTP/2 in clear text; with TLS "grpc" keeps Istio originating TLS
                    // (a DestinationRule) instead of passing it through as opaque TLS.
                    AppProtocol = settings.SecureServing ? "grpc" : "kubernetes.io/h2c",
                },
                new ServicePort { Name = "http-metrics", Port = OperatorConstants.MetricsPort, TargetPort = IntOrString.FromInt(OperatorConstants.MetricsPort), Protocol = "TCP" },
            ],
        },
    };

    /// <summary>Pod-level hardening shared by the picker and the standalone Envoy.</summary>
    internal static PodSecurityContext PodSecurity() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
    };

    internal static SecurityContext ContainerSecurity() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = 65532,
        RunAsGroup = 65532,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new Capabilities { Drop = ["ALL"] },
    };

    private static EnvVar FieldEnv(string name, string path) => new() { Name = name, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } } };

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
