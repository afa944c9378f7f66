using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Epp;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Yaml;

namespace EppOperator.Operator.DataPlanes;

/// <summary>
/// The standalone Envoy data plane of one pool: the bootstrap ConfigMap, the Envoy Deployment (rolled when the
/// bootstrap changes), its Service on 8081, the headless shadow Service whose DNS answer is the pool's member
/// list, and — when the picker's certificate is verified — the CA bundle ConfigMap Envoy mounts.
/// </summary>
internal static class StandaloneEnvoyBuilder
{
    public const string Component = "envoy";
    public const string BootstrapKey = "envoy.yaml";

    public static IReadOnlyList<IKubernetesObject> Build(InferencePoolView pool, PoolIntent intent, PickerEndpoint picker, bool failOpen, string? caPem, OperatorSettings settings)
    {
        var name = ChildNames.Envoy(pool.Name);
        var bootstrap = YamlEmitter.Emit(EnvoyBootstrapBuilder.Build(pool, picker, failOpen));
        var children = new List<IKubernetesObject>
        {
            ShadowService(pool),
            new ConfigMap { Metadata = ChildMetadata.For(pool, name, Component), Data = new Dictionary<string, string> { [BootstrapKey] = bootstrap } },
        };
        if (picker.Tls == PickerTls.Verified && caPem is not null) children.Add(CaBundle.ConfigMap(pool, pool.Namespace, caPem));
        children.Add(Deployment(pool, intent, picker, settings, name, ContentHash.Of(bootstrap + (caPem ?? ""))));
        children.Add(new Service
        {
            Metadata = ChildMetadata.For(pool, name, Component),
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = ChildMetadata.SelectorLabels(pool, Component),
                Ports = [new ServicePort { Name = "http", Port = OperatorConstants.EnvoyListenerPort, TargetPort = IntOrString.FromInt(OperatorConstants.EnvoyListenerPort), Protocol = "TCP", AppProtocol = "http" }],
            },
        });
        return children;
    }

    /// <summary>A headless Service over the pool's Pods: Envoy resolves it (Ready Pods only) to get the member endpoints.</summary>
    public static Service ShadowService(InferencePoolView pool) => new()
    {
        Metadata = ChildMetadata.For(pool, ChildNames.Shadow(pool.Name), "inference-pool-shadow"),
        Spec = new ServiceSpec
        {
            ClusterIP = "None",
            Selector = new Dictionary<string, string>(pool.Selector),
            PublishNotReadyAddresses = false,
            Ports = [.. pool.TargetPorts.Select(port => new ServicePort
            {
                Name = "tp-" + port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Port = port,
                TargetPort = IntOrString.FromInt(port),
                Protocol = "TCP",
                AppProtocol = pool.IsHttp2 ? "kubernetes.io/h2c" : "http",
            })],
        },
    };

    private static Deployment Deployment(InferencePoolView pool, PoolIntent intent, PickerEndpoint picker, OperatorSettings settings, string name, string configHash)
    {
        var selector = ChildMetadata.SelectorLabels(pool, Component);
        var mounts = new List<VolumeMount>
        {
            new() { Name = "config", MountPath = "/etc/envoy", ReadOnly = true },
            new() { Name = "tmp", MountPath = "/tmp" },
        };
        var volumes = new List<Volume>
        {
            new() { Name = "config", ConfigMap = new ConfigMapVolumeSource { Name = name } },
            new() { Name = "tmp", EmptyDir = JsonElements.EmptyObject() },
        };
        if (picker.Tls == PickerTls.Verified)
        {
            mounts.Add(new VolumeMount { Name = "epp-ca", MountPath = EnvoyBootstrapBuilder.CaMountPath, ReadOnly = true });
            volumes.Add(new Volume { Name = "epp-ca", ConfigMap = new ConfigMapVolumeSource { Name = ChildNames.CaBundle(pool.Name) } });
        }

        return new Deployment
        {
            Metadata = ChildMetadata.For(pool, name, Component),
            Spec = new DeploymentSpec
            {
                Replicas = intent.EnvoyReplicas,
                Selector = new LabelSelector { MatchLabels = selector },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta
                    {
                        Labels = new Dictionary<string, string>(selector) { [OperatorConstants.ManagedByLabel] = OperatorConstants.ManagedByValue },
                        Annotations = new Dictionary<string, string> { [OperatorConstants.ConfigHashAnnotation] = configHash },
                    },
                    Spec = new PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        TerminationGracePeriodSeconds = 30,
                        SecurityContext = EppChildrenBuilder.PodSecurity(),
                        Containers =
                        [
                            new Container
                            {
                                Name = Component,
                                Image = settings.EnvoyImage,
                                ImagePullPolicy = settings.ImagePullPolicy,
                                Args = ["--config-path", "/etc/envoy/" + BootstrapKey, "--log-level", "info"],
                                Ports =
                                [
                                    new ContainerPort { Name = "http", Port = OperatorConstants.EnvoyListenerPort, Protocol = "TCP" },
                                    new ContainerPort { Name = "ready", Port = OperatorConstants.EnvoyReadyPort, Protocol = "TCP" },
                                ],
                                ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/ready", Port = IntOrString.FromInt(OperatorConstants.EnvoyReadyPort) }, PeriodSeconds = 5 },
                                LivenessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/ready", Port = IntOrString.FromInt(OperatorConstants.EnvoyReadyPort) }, PeriodSeconds = 10, FailureThreshold = 3 },
                                Resources = new ResourceRequirements { Requests = new(settings.EnvoyRequests), Limits = new(settings.EnvoyLimits) },
                                SecurityContext = EppChildrenBuilder.ContainerSecurity(),
                                VolumeMounts = mounts,
                            },
                        ],
                        Volumes = volumes,
                    },
                },
            },
        };
    }
}
