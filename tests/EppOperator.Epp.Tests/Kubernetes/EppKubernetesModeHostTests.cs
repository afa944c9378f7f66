using System.Net;
using System.Text.Json.Nodes;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Host;
using EppOperator.Epp.Tests.Host;
using EppOperator.Testing.Kubernetes;
using EppOperator.Testing.Net;
using Microsoft.Extensions.Logging.Abstractions;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Epp.Tests.Kubernetes;

/// <summary>The epp host in Kubernetes mode against the API server fixture.</summary>
[TestFixture]
public sealed class EppKubernetesModeHostTests
{
    private KubeApiServer _server = null!;
    private string _kubeconfig = "";

    [SetUp]
    public async Task SetUp()
    {
        _server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(500) });
        FixtureCrds.Install(_server, FixtureCrds.InferencePoolV1, FixtureCrds.InferenceObjective, FixtureCrds.InferenceModelRewrite);
        _kubeconfig = _server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"epp-kubeconfig-{Guid.NewGuid():N}"));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Test]
    public async Task Host_PoolAppearsWithReadyPod_BecomesReadyAndRoutesToThePod()
    {
        // Arrange
        await using var host = await EppHost.StartAsync(Options(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var health = GrpcChannel.ForAddress(host.HealthAddress);
        await Task.Delay(300);
        var beforePool = await EppHostTests.CheckAsync(health, "readiness");

        // Act
        CreatePool();
        CreateReadyPod("vllm-0", "10.1.0.5");
        await WaitUntilAsync(async () => await EppHostTests.CheckAsync(health, "readiness") == ServingStatus.Serving);
        await WaitUntilAsync(() => Task.FromResult(host.RequestPath.Datastore.Current.Count == 1));
        using var extProc = GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = extProc.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        await call.RequestStream.WriteAsync(CompletionsHeaders(), CancellationToken.None);
        await call.RequestStream.WriteAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true), CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        var headers = call.ResponseStream.Current.RequestHeaders.Response.HeaderMutation.SetHeaders;

        // Assert
        Assert.That(beforePool, Is.EqualTo(ServingStatus.NotServing), "not ready before the pool has synced");
        Assert.That(headers.Single(h => h.Header.Key == "x-gateway-destination-endpoint").Header.RawValue.ToStringUtf8(), Is.EqualTo("10.1.0.5:8000"));
        await call.RequestStream.CompleteAsync();
    }

    [Test]
    public async Task Host_ObjectivesAndRewritesOfThePool_ReachTheRequestPathStores()
    {
        // Arrange
        CreatePool();
        await using var host = await EppHost.StartAsync(Options(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);

        // Act
        _server.Create(JsonNode.Parse("""
            {"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferenceObjective","metadata":{"name":"premium","namespace":"default"},
             "spec":{"priority":10,"poolRef":{"name":"pool"}}}
            """)!.AsObject());
        _server.Create(JsonNode.Parse("""
            {"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferenceObjective","metadata":{"name":"elsewhere","namespace":"default"},
             "spec":{"priority":99,"poolRef":{"name":"another-pool"}}}
            """)!.AsObject());
        _server.Create(JsonNode.Parse("""
            {"apiVersion":"inference.networking.x-k8s.io/v1alpha2","kind":"InferenceModelRewrite","metadata":{"name":"canary","namespace":"default"},
             "spec":{"poolRef":{"name":"pool"},"rules":[{"matches":[{"model":{"value":"llama"}}],"targets":[{"modelRewrite":"llama-v2","weight":100}]}]}}
            """)!.AsObject());
        await WaitUntilAsync(() => Task.FromResult(host.RequestPath.Objectives.PriorityOf("premium") == 10 && host.RequestPath.Rewrites.FindRule("llama") is not null));

        // Assert
        Assert.That(host.RequestPath.Objectives.PriorityOf("elsewhere"), Is.Zero, "another pool's objective is ignored");
        Assert.That(host.RequestPath.Rewrites.FindRule("llama")!.Targets.Single().Model, Is.EqualTo("llama-v2"));
    }

    [Test]
    public async Task EppProcess_MalformedKubeconfig_ExitsOneWithAMessageNamingTheFile()
    {
        // Arrange
        var broken = Path.Combine(Path.GetTempPath(), $"broken-kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(broken, "clusters: [unclosed\n");
        var epp = Path.Combine(AppContext.BaseDirectory, "epp.dll");

        // Act
        var result = await ChildProcess.RunAsync("dotnet", [epp, "--pool-name", "pool", "--kubeconfig", broken, "--grpc-port", "0", "--grpc-health-port", "0", "--metrics-port", "0", "--secure-serving=false"], TimeSpan.FromSeconds(60));
        File.Delete(broken);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Describe());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain($"kubeconfig {broken}").And.Contain("invalid YAML"));
    }

    private EppHostOptions Options() => new()
    {
        GrpcPort = 0,
        GrpcHealthPort = 0,
        MetricsPort = 0,
        ListenAddress = IPAddress.Loopback,
        SecureServing = false,
        PoolName = "pool",
        PoolNamespace = "default",
        Kubeconfig = _kubeconfig,
        DrainTimeout = TimeSpan.FromSeconds(1),
    };

    private void CreatePool() => _server.Create(JsonNode.Parse("""
        {"apiVersion":"inference.networking.k8s.io/v1","kind":"InferencePool","metadata":{"name":"pool","namespace":"default"},
         "spec":{"selector":{"matchLabels":{"app":"vllm"}},"targetPorts":[{"number":8000}],"endpointPickerRef":{"name":"pool-epp","port":{"number":9002}}}}
        """)!.AsObject());

    private void CreateReadyPod(string name, string ip) => _server.Create(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "vllm" } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "vllm", ["image"] = "vllm" }) },
        ["status"] = new JsonObject { ["podIP"] = ip, ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) },
    });

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not reached within 20 s");
            await Task.Delay(20);
        }
    }
}
