using System.Net;
using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Host;
using EppOperator.Scheduling.Tests.Vectors;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Scheduling.Tests.Server;

/// <summary>
/// The epp process's host with the configured scheduler, driven over gRPC as Envoy drives it: the reference
/// integration vectors must route to the exact endpoint the reference picks, and a changed config file must change
/// routing without a restart.
/// </summary>
[TestFixture]
public sealed class ConfiguredEppHostTests
{
    private static IEnumerable<IntegrationVector> ReferenceVectors => IntegrationVectors.Cases;

    [TestCaseSource(nameof(ReferenceVectors))]
    public async Task Process_ReferenceIntegrationVector_RoutesToExpectedEndpoint(IntegrationVector vector)
    {
        await using var host = await StartAsync(SchedulerConfigSource.FromText(IntegrationVectors.Config), vector.Pods.Count);
        var endpoints = host.RequestPath.Datastore.Current.Endpoints;
        for (var i = 0; i < endpoints.Length; i++)
        {
            var (queue, kv, active) = vector.Pods[i];
            endpoints[i].Metrics = Fresh(queue, kv, active);
        }

        var destination = await RouteAsync(host, vector.Prompt, vector.Model, vector.Target);

        Assert.That(destination, Is.EqualTo(vector.Expected));
    }

    [Test]
    public async Task Process_ConfigFileChangesScorer_RoutingFollowsWithoutRestart()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("epp-host-config-").FullName, "epp-config.yaml");
        await File.WriteAllTextAsync(path, OnlyScorer("queue-scorer"));
        await using var host = await StartAsync(SchedulerConfigSource.FromFile(path), 3);
        var endpoints = host.RequestPath.Datastore.Current.Endpoints;
        endpoints[0].Metrics = Fresh(queue: 0, kv: 0.9);
        endpoints[1].Metrics = Fresh(queue: 9, kv: 0.5);
        endpoints[2].Metrics = Fresh(queue: 5, kv: 0.0);
        var before = await RouteAsync(host, "before", "m", "m");

        await File.WriteAllTextAsync(path, OnlyScorer("kv-cache-utilization-scorer"));
        string after;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(100);
            foreach (var e in endpoints) e.Metrics = e.Metrics with { UpdatedAt = DateTimeOffset.UtcNow };
            after = await RouteAsync(host, "after", "m", "m");
        }
        while (after != "192.168.1.3:8000" && DateTime.UtcNow < deadline);

        Assert.That(before, Is.EqualTo("192.168.1.1:8000"));
        Assert.That(after, Is.EqualTo("192.168.1.3:8000"));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Test]
    public async Task Process_SamePromptTwice_SecondFollowsPrefixCache()
    {
        await using var host = await StartAsync(SchedulerConfigSource.Defaults, 6);
        foreach (var e in host.RequestPath.Datastore.Current.Endpoints) e.Metrics = Fresh(queue: 0, kv: 0.1);
        var prompt = new string('p', 8_192);

        var first = await RouteAsync(host, prompt + " one", "m", "m");
        var second = await RouteAsync(host, prompt + " two", "m", "m");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Bind_ConfigTextWithUnknownPlugin_ErrorNamesFlagAndLine()
    {
        var command = new EppCommandLine();
        var errors = new List<string>();

        var options = command.Bind(
            command.Root.Parse(["--endpoints", "10.0.0.1:8000", "--config-text", "apiVersion: inference.networking.x-k8s.io/v1alpha1\nkind: EndpointPickerConfig\nplugins:\n- type: magic-scorer\n"]),
            new Dictionary<string, string?>(),
            errors);

        Assert.That(options, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { "--config-text: unknown plugin type 'magic-scorer' (line 4, column 3)" }));
    }

    [Test]
    public void Bind_ValidConfigText_CarriedIntoOptions()
    {
        var command = new EppCommandLine();
        var errors = new List<string>();

        var options = command.Bind(command.Root.Parse(["--endpoints", "10.0.0.1:8000", "--config-text", SchedulerDefaults.ConfigText]), new Dictionary<string, string?>(), errors);

        Assert.That(errors, Is.Empty);
        Assert.That(options!.SchedulerConfig.Text, Is.EqualTo(SchedulerDefaults.ConfigText));
    }

    private static async Task<EppHost> StartAsync(SchedulerConfigSource config, int pods)
    {
        var options = new EppHostOptions
        {
            GrpcPort = 0,
            GrpcHealthPort = 0,
            MetricsPort = 0,
            ListenAddress = IPAddress.Loopback,
            SecureServing = false,
            Endpoints = [.. Enumerable.Range(0, pods).Select(i => new EndpointSpec($"192.168.1.{i + 1}:8000", IPAddress.Parse($"192.168.1.{i + 1}"), 8000))],
            // These addresses serve nothing: scraping stays out of the way and the tests set the metrics.
            Scraper = new MetricsScraperOptions { RefreshInterval = TimeSpan.FromHours(1) },
            SchedulerConfig = config,
        };
        return await EppHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    private static EndpointMetrics Fresh(int queue, double kv, string[]? active = null) => new()
    {
        WaitingQueueSize = queue,
        KvCacheUsage = kv,
        ActiveModels = [.. active ?? []],
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    // One ReqLLM exchange of the reference harness: headers (objective and rewrite), then the JSON body with eos.
    private static async Task<string> RouteAsync(EppHost host, string prompt, string model, string target)
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        using var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        var headers = new HeaderMap();
        foreach (var (key, value) in new[]
                 {
                     (":method", "POST"), (":path", "/v1/completions"), ("content-type", "application/json"), ("hi", "mom"),
                     ("x-request-id", "test-request-id"), ("x-gateway-inference-objective", model), ("x-gateway-model-name-rewrite", target),
                 })
        {
            headers.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        var body = $$"""{"max_tokens":100,"model":"{{model}}","prompt":{{System.Text.Json.JsonSerializer.Serialize(prompt)}},"temperature":0}""";
        await call.RequestStream.WriteAsync(new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = headers } }, CancellationToken.None);
        await call.RequestStream.WriteAsync(new ProcessingRequest { RequestBody = new HttpBody { Body = ByteString.CopyFrom(Encoding.UTF8.GetBytes(body)), EndOfStream = true } }, CancellationToken.None);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)), Is.True);
        var reply = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();
        var destination = reply.RequestHeaders?.Response?.HeaderMutation?.SetHeaders.FirstOrDefault(h => h.Header.Key == "x-gateway-destination-endpoint");
        Assert.That(destination, Is.Not.Null, $"no route in {reply}");
        return destination!.Header.RawValue.ToStringUtf8();
    }

    private static string OnlyScorer(string type) => $"""
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: {type}

        """;
}
