using EppOperator.Operator.DataPlanes;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Tests.Support;
using EppOperator.Operator.Yaml;
using EppOperator.Testing.Net;

namespace EppOperator.Operator.Tests.DataPlanes;

/// <summary>
/// The standalone Envoy bootstrap parsed against Envoy's v3 API (../shared/reference/wire/envoy-api-v3.descriptor.pb)
/// with protobuf's JSON parser (Debian python3-protobuf): unknown fields, wrong types, unknown enum values and
/// unknown typed_config types fail.
/// </summary>
public class EnvoyBootstrapSchemaTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly string[] ExpectedTypes =
    [
        "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor",
        "envoy.extensions.filters.http.router.v3.Router",
        "envoy.extensions.filters.http.health_check.v3.HealthCheck",
        "envoy.extensions.load_balancing_policies.override_host.v3.OverrideHost",
        "envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin",
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
    ];

    private string _descriptor = "";

    [OneTimeSetUp]
    public void FindSchema()
    {
        var shared = RepoPaths.Shared();
        var descriptor = shared is null ? null : Path.Combine(shared, "reference", "wire", "envoy-api-v3.descriptor.pb");
        if (descriptor is null || !File.Exists(descriptor)) Assert.Ignore("../shared/reference/wire/envoy-api-v3.descriptor.pb is not beside this checkout; the Envoy schema check is skipped.");
        if (!File.Exists(Python)) Assert.Ignore($"{Python} is not installed; the Envoy schema check is skipped.");
        _descriptor = descriptor;
    }

    [TestCase("Verified", false, "http")]
    [TestCase("Unverified", true, "http")]
    [TestCase("Plaintext", true, "kubernetes.io/h2c")]
    public async Task Bootstrap_AgainstEnvoySchema_IsValidAndResolvesEveryType(string tlsName, bool failOpen, string appProtocol)
    {
        var tls = Enum.Parse<PickerTls>(tlsName);
        // Arrange
        var pool = new InferencePoolView
        {
            Object = new Kube.Entities.Inference.V1InferencePool(),
            Group = "inference.networking.k8s.io",
            Version = "v1",
            Name = "vllm",
            Namespace = "models",
            Selector = new Dictionary<string, string> { ["app"] = "vllm" },
            TargetPorts = [8000, 8001],
            AppProtocol = appProtocol,
        };
        var bootstrap = YamlEmitter.Emit(EnvoyBootstrapBuilder.Build(pool, new PickerEndpoint("vllm-epp", "models", 9002, tls, "cluster.local"), failOpen));

        // Act
        var result = await ValidateAsync(bootstrap);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
        Assert.That(result.StandardOutput, Does.Contain("VALID"));
        var expected = tls == PickerTls.Plaintext ? ExpectedTypes.Where(t => !t.Contains("tls", StringComparison.Ordinal)) : ExpectedTypes;
        foreach (var type in expected) Assert.That(result.StandardOutput, Does.Contain("resolved type.googleapis.com/" + type));
    }

    [TestCase("failure_mode_allow: false", "failure_mode_allow: \"sometimes\"", "failure_mode_allow")]
    [TestCase("request_body_mode: FULL_DUPLEX_STREAMED", "request_body_mode: FULLY_DUPLEX", "FULLY_DUPLEX")]
    [TestCase("stat_prefix: inference", "stat_prefx: inference", "stat_prefx")]
    [TestCase("envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin", "envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobinX", "RoundRobinX")]
    public async Task Validator_BrokenBootstrap_IsRejected(string original, string broken, string named)
    {
        // Arrange: proves the check can fail (unknown field, wrong type, bad enum, unknown @type).
        var pool = InferencePoolView.From(new Kube.Entities.Inference.V1InferencePool
        {
            Metadata = new ObjectMeta { Name = "vllm", Namespace = "models" },
            Spec = new Kube.Entities.Inference.V1InferencePoolSpec { Selector = new() { MatchLabels = new() { ["app"] = "vllm" } }, TargetPorts = [new() { Number = 8000 }] },
        });
        var bootstrap = YamlEmitter.Emit(EnvoyBootstrapBuilder.Build(pool, new PickerEndpoint("vllm-epp", "models", 9002, PickerTls.Verified, "cluster.local"), failOpen: false));
        Assert.That(bootstrap, Does.Contain(original));

        // Act
        var result = await ValidateAsync(bootstrap.Replace(original, broken, StringComparison.Ordinal));

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Describe());
        Assert.That(result.StandardError, Does.Contain("INVALID").And.Contain(named));
    }

    private async Task<ChildProcessResult> ValidateAsync(string bootstrap)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bootstrap-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, bootstrap);
        try
        {
            return await ChildProcess.RunAsync(Python, [Path.Combine(RepoPaths.TestAssets, "scripts", "validate_envoy_bootstrap.py"), _descriptor, file], TimeSpan.FromSeconds(60));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
