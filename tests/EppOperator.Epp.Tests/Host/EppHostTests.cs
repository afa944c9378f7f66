using System.Net;
using System.Reflection;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Health;
using EppOperator.Epp.Host;
using EppOperator.Epp.Metrics;
using EppOperator.Epp.Tests.ExtProc.Support;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using EppOperator.Testing.Logging;

namespace EppOperator.Epp.Tests.Host;

/// <summary>The epp host in process: its servers, health, manifest loading and graceful drain.</summary>
[TestFixture]
public sealed class EppHostTests
{
    private static EppHostOptions Options(TimeSpan? drain = null, bool secure = false, string? resources = null) => new()
    {
        GrpcPort = 0,
        GrpcHealthPort = 0,
        MetricsPort = 0,
        ListenAddress = IPAddress.Loopback,
        SecureServing = secure,
        Endpoints = [new("10.0.0.1:8000", IPAddress.Parse("10.0.0.1"), 8000), new("10.0.0.2:8000", IPAddress.Parse("10.0.0.2"), 8000)],
        DrainTimeout = drain ?? TimeSpan.FromSeconds(30),
        InferenceResourcesFile = resources,
    };

    [Test]
    public async Task StopAsync_InFlightStream_ReadinessNotServingThenStreamCompletes()
    {
        // Arrange
        await using var host = await EppHost.StartAsync(Options(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var extProc = GrpcChannel.ForAddress(host.GrpcAddress);
        using var health = GrpcChannel.ForAddress(host.HealthAddress);
        Assert.That(await CheckAsync(health, "readiness"), Is.EqualTo(ServingStatus.Serving));
        Assert.That(await CheckAsync(health, "inference-extension"), Is.EqualTo(ServingStatus.Serving));
        using var call = extProc.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        await call.RequestStream.WriteAsync(CompletionsHeaders(), CancellationToken.None);
        await WaitUntilAsync(() => host.RequestPath.Service.ActiveStreams == 1);

        // Act: shut down while the request body has not arrived yet.
        var stopping = host.StopAsync();
        await WaitUntilAsync(async () => await CheckAsync(health, "readiness") == ServingStatus.NotServing);
        var liveness = await CheckAsync(health, "liveness");
        var extProcHealth = await CheckAsync(health, ExtProcConstants.ServiceName);
        var chartProbe = await CheckAsync(health, "inference-extension");
        var stoppedEarly = stopping.IsCompleted;
        await call.RequestStream.WriteAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true), CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        var headersReply = call.ResponseStream.Current;
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        await call.RequestStream.CompleteAsync();
        var ended = !await call.ResponseStream.MoveNext(CancellationToken.None);
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        Assert.That(liveness, Is.EqualTo(ServingStatus.Serving), "liveness stays up while draining");
        Assert.That(extProcHealth, Is.EqualTo(ServingStatus.NotServing));
        Assert.That(chartProbe, Is.EqualTo(ServingStatus.NotServing), "the chart's probe name follows readiness");
        Assert.That(stoppedEarly, Is.False, "the drain waits for the open stream");
        Assert.That(SetHeaders(headersReply.RequestHeaders.Response)["x-gateway-destination-endpoint"], Is.AnyOf("10.0.0.1:8000", "10.0.0.2:8000"));
        Assert.That(ended, Is.True);
        Assert.That(call.GetStatus().StatusCode, Is.EqualTo(Grpc.StatusCode.OK));
    }

    [Test]
    public async Task StopAsync_StreamOutlivesDrainTimeout_StopsAnyway()
    {
        await using var host = await EppHost.StartAsync(Options(drain: TimeSpan.FromMilliseconds(300)), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var extProc = GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = extProc.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        await call.RequestStream.WriteAsync(CompletionsHeaders(), CancellationToken.None);
        await WaitUntilAsync(() => host.RequestPath.Service.ActiveStreams == 1);

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(async () => await call.ResponseStream.MoveNext(CancellationToken.None), Throws.InstanceOf<Grpc.RpcException>());
    }

    [Test]
    public async Task StartAsync_SecureServing_RoutesOverTlsWithGeneratedCertificate()
    {
        await using var host = await EppHost.StartAsync(Options(secure: true), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress, new GrpcChannelOptions
        {
            // Self-signed, so the chain is untrusted; the name must still match (the generated certificate has SANs).
            ServerCertificateValidation = (_, certificate, _, errors) => certificate is not null && errors == System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors,
        });
        using var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);

        await call.RequestStream.WriteAsync(RequestHeaders([(":path", "/")], endOfStream: true), CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        Assert.That(host.GrpcAddress.Scheme, Is.EqualTo("https"));
        Assert.That(PickedMetadata(call.ResponseStream.Current), Is.AnyOf("10.0.0.1:8000", "10.0.0.2:8000"));
        Assert.That(await CheckAsync(channel, ExtProcConstants.ServiceName), Is.EqualTo(ServingStatus.Serving), "Envoy health-checks the ext_proc port itself");
    }

    [Test]
    public async Task StartAsync_ExtProcCalledOnThePlaintextHealthPort_UnimplementedWhileHealthAnswers()
    {
        // Arrange: ext_proc behind TLS; the probe port must not be a plaintext way around it.
        await using var host = await EppHost.StartAsync(Options(secure: true), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var health = GrpcChannel.ForAddress(host.HealthAddress);
        using var call = health.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);

        // Act: the server may answer (and reset the stream) before the message is sent, so a failed write is
        // expected; the verdict is the status the response carries.
        try
        {
            await call.RequestStream.WriteAsync(RequestHeaders([(":path", "/")], endOfStream: true), CancellationToken.None);
        }
        catch (Grpc.RpcException)
        {
        }

        var error = Assert.ThrowsAsync<Grpc.RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(Grpc.StatusCode.Unimplemented));
        Assert.That(host.RequestPath.Service.ActiveStreams, Is.Zero);
        Assert.That(await CheckAsync(health, "readiness"), Is.EqualTo(ServingStatus.Serving));
    }

    [Test]
    public async Task StartAsync_ManifestFile_ObjectivesAndRewritesApplied()
    {
        // Arrange
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            apiVersion: inference.networking.x-k8s.io/v1alpha2
            kind: InferenceModelRewrite
            metadata: {name: r}
            spec:
              rules:
              - matches: [{model: {value: food-review}}]
                targets: [{modelRewrite: food-review-v2, weight: 1}]
            """);
        try
        {
            await using var host = await EppHost.StartAsync(Options(resources: file), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
            using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
            using var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);

            // Act
            await call.RequestStream.WriteAsync(CompletionsHeaders(), CancellationToken.None);
            await call.RequestStream.WriteAsync(RequestBody("""{"model":"food-review","prompt":"p"}""", endOfStream: true), CancellationToken.None);
            await call.ResponseStream.MoveNext(CancellationToken.None);
            await call.ResponseStream.MoveNext(CancellationToken.None);

            // Assert
            Assert.That(StreamedText(call.ResponseStream.Current.RequestBody.Response), Is.EqualTo("""{"model":"food-review-v2","prompt":"p"}"""));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void StartAsync_InvalidManifestFile_FailsNamingTheFlag()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "apiVersion: inference.networking.x-k8s.io/v1alpha2\nkind: InferenceModelRewrite\nmetadata: {name: r}\nspec: {}\n");
        try
        {
            Assert.That(
                async () => await EppHost.StartAsync(Options(resources: file), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None),
                Throws.InstanceOf<InvalidDataException>().With.Message.Contains("--inference-resources-file").And.Message.Contains("spec.rules is required"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task StartAsync_AfterARoutedRequest_MetricsPortServesRequestAndPoolFamilies()
    {
        // Arrange
        await using var host = await EppHost.StartAsync(Options(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        await call.RequestStream.WriteAsync(CompletionsHeaders(("x-gateway-inference-objective", "unknown")), CancellationToken.None);
        await call.RequestStream.WriteAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true), CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        using var http = new HttpClient();

        // Act
        var text = await http.GetStringAsync(host.MetricsAddress);

        // Assert
        Assert.That(text, Does.Contain("# TYPE inference_objective_request_total counter\n"));
        Assert.That(text, Does.Contain("inference_objective_request_total{model_name=\"m\",priority=\"0\",target_model_name=\"m\"} 1\n"));
        Assert.That(text, Does.Contain("inference_objective_running_requests{model_name=\"m\"} 1\n"));
        Assert.That(text, Does.Contain("inference_pool_ready_pods{name=\"standalone\"} 2\n"));
        Assert.That(host.GrpcPort, Is.Not.EqualTo(host.MetricsPort));
    }

    [Test]
    public async Task StartAsync_MetricsPort_ReportsTheRunningBuild()
    {
        // Arrange
        await using var host = await EppHost.StartAsync(Options(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        var version = typeof(EppHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var (commit, buildRef) = BuildInfoMetrics.FromInformationalVersion(version);
        using var http = new HttpClient();

        // Act
        var text = await http.GetStringAsync(host.MetricsAddress);

        // Assert
        Assert.That(buildRef, Is.Not.EqualTo("unknown"), "the assembly carries a version");
        Assert.That(text, Does.Contain($"inference_extension_info{{build_ref=\"{buildRef}\",commit=\"{commit}\"}} 1\n"));
    }

    [TestCase(false, 200)]
    [TestCase(true, 503)]
    public async Task StartAsync_ConformanceHooksOption_DecidesWhetherTheClientsSelectionCounts(bool conformanceHooks, int expectedStatus)
    {
        // Arrange: the selection names an address outside the pool, which the hooks answer with 503.
        var logs = new LogCapture();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var host = await EppHost.StartAsync(Options() with { ConformanceHooks = conformanceHooks }, loggerFactory, TimeProvider.System, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);

        // Act
        await call.RequestStream.WriteAsync(CompletionsHeaders(("test-epp-endpoint-selection", "10.0.0.9")), CancellationToken.None);
        await call.RequestStream.WriteAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true), CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        var reply = call.ResponseStream.Current;

        // Assert
        var status = reply.ImmediateResponse is { } immediate ? (int)immediate.Status.Code : 200;
        Assert.That(status, Is.EqualTo(expectedStatus));
        if (!conformanceHooks) Assert.That(SetHeaders(reply.RequestHeaders.Response)["x-gateway-destination-endpoint"], Is.AnyOf("10.0.0.1:8000", "10.0.0.2:8000"));
        Assert.That(logs.Entries.Count(e => e.EventId.Id == 1106), Is.EqualTo(conformanceHooks ? 1 : 0), "a warning at start-up exactly when the hooks are on");
    }

    internal static async Task<ServingStatus> CheckAsync(GrpcChannel channel, string service) =>
        (await channel.UnaryAsync(HealthService.CheckPath, new HealthCheckRequest { Service = service }, HealthCheckResponse.Parser)).Status;

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not reached within 20 s");
            await Task.Delay(10);
        }
    }
}
