using System.Net;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Tests.ExtProc.Support;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>
/// Admission on the real request path (parser, objective store, configured scheduler with its in-flight hook,
/// ext_proc stream), configured from <c>EndpointPickerConfig</c> text as the epp process does.
/// </summary>
[TestFixture]
public sealed class AdmissionRequestPathTests
{
    private const string Body = """{"model":"llama","messages":[{"role":"user","content":"hi"}]}""";

    private const string LegacyConfig = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: queue-scorer
        """;

    // One endpoint that takes one request at a time, measured by this EPP's own in-flight count.
    private const string FlowControlConfig = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        featureGates: [flowControl]
        plugins:
        - type: queue-scorer
        - type: concurrency-detector
          parameters: {maxConcurrency: 1}
        saturationDetector: {pluginRef: concurrency-detector}
        flowControl:
          maxRequests: 1
          defaultRequestTTL: 10s
        """;

    [Test]
    public async Task Process_LegacySheddableWhileSaturated_RejectedWith429()
    {
        // Arrange: the endpoint was never scraped, so the utilization detector reads it as saturated
        await using var path = TestPath.Create(LegacyConfig);
        path.Requests.Objectives.Upsert(new InferenceObjective("ns", "batch", -1));
        path.Requests.Objectives.Upsert(new InferenceObjective("ns", "chat", 0));

        // Act
        var sheddable = await path.SendAsync(("x-gateway-inference-objective", "batch"));
        var standard = await path.SendAsync(("x-gateway-inference-objective", "chat"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(sheddable.Reply.ImmediateResponse, Is.Not.Null);
            Assert.That((int)sheddable.Reply.ImmediateResponse.Status.Code, Is.EqualTo(429));
            Assert.That(ImmediateBody(sheddable.Reply), Is.EqualTo("inference error: ResourceExhausted - system saturated, sheddable request dropped"));
            Assert.That(standard.Reply.RequestHeaders, Is.Not.Null, "priority 0 is never shed");
        });
        await sheddable.Exchange.DisposeAsync();
        await standard.Exchange.DisposeAsync();
    }

    [Test]
    public async Task Process_LegacySheddableInferenceModelWhileSaturated_RejectedWithoutAnyHeader()
    {
        // Arrange
        await using var path = TestPath.Create(LegacyConfig);
        path.Requests.Objectives.UpsertModel(new InferenceModelPriority("ns", "llama", "llama", InferenceModelCriticality.SheddablePriority));

        // Act
        var shed = await path.SendAsync();

        // Assert
        Assert.That((int)shed.Reply.ImmediateResponse.Status.Code, Is.EqualTo(429));
        await shed.Exchange.DisposeAsync();
    }

    [Test]
    public async Task Process_FlowControlPoolBusy_RequestWaitsUntilTheRunningOneCompletes()
    {
        // Arrange
        await using var path = TestPath.Create(FlowControlConfig);
        var first = await path.SendAsync();
        var second = await path.OpenWaitingAsync();
        var silentWhileBusy = await second.IsSilentForAsync(TimeSpan.FromMilliseconds(200));

        // Act: the first response ends, the endpoint frees up
        await first.Exchange.SendAsync(ResponseHeaders(("content-type", "application/json")));
        await first.Exchange.ReadAsync();
        await first.Exchange.SendAsync(ResponseBody("""{"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""", endOfStream: true));
        await first.Exchange.ReadAsync();
        var routed = await second.ReadAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first.Reply.RequestHeaders, Is.Not.Null);
            Assert.That(silentWhileBusy, Is.True, "the second request waits in the EPP, not at the model server");
            Assert.That(routed!.RequestHeaders, Is.Not.Null);
            Assert.That(SetHeaders(routed.RequestHeaders.Response)["x-gateway-destination-endpoint"], Is.EqualTo("10.0.0.1:8000"));
            Assert.That(path.Controller.QueuedCount, Is.Zero);
        });
        await first.Exchange.DisposeAsync();
        await second.DisposeAsync();
    }

    [Test]
    public async Task Process_FlowControlQueueFull_RejectedWith429()
    {
        // Arrange
        await using var path = TestPath.Create(FlowControlConfig);
        var first = await path.SendAsync();
        var waiting = await path.OpenWaitingAsync();

        // Act
        var third = await path.SendAsync();

        // Assert
        Assert.That((int)third.Reply.ImmediateResponse.Status.Code, Is.EqualTo(429));
        Assert.That(ImmediateBody(third.Reply), Does.StartWith("inference error: ResourceExhausted - request rejected by flow control"));
        await first.Exchange.DisposeAsync();
        await waiting.DisposeAsync();
        await third.Exchange.DisposeAsync();
    }

    [Test]
    public async Task Process_FlowControlTtlPasses_AnsweredWith503()
    {
        // Arrange
        await using var path = TestPath.Create(FlowControlConfig);
        var first = await path.SendAsync();
        var waiting = await path.OpenWaitingAsync();

        // Act
        path.Clock.Advance(TimeSpan.FromSeconds(10));
        var reply = await waiting.ReadAsync();

        // Assert
        Assert.That((int)reply!.ImmediateResponse.Status.Code, Is.EqualTo(503));
        Assert.That(ImmediateBody(reply), Is.EqualTo("inference error: ServiceUnavailable - request timed out in queue"));
        await first.Exchange.DisposeAsync();
        await waiting.DisposeAsync();
    }

    [Test]
    public async Task Process_FlowControlClientResets_SlotFreedAtOnce()
    {
        // Arrange
        await using var path = TestPath.Create(FlowControlConfig);
        var first = await path.SendAsync();
        var waiting = await path.OpenWaitingAsync();

        // Act
        await waiting.ResetAsync();
        await waiting.StatusAsync();
        await WaitUntilAsync(() => path.Controller.QueuedCount == 0);
        var next = await path.OpenWaitingAsync();

        // Assert: the next request is queued (not refused by maxRequests: 1), so the reset freed the slot
        Assert.That(path.Controller.QueuedCount, Is.EqualTo(1));
        await first.Exchange.DisposeAsync();
        await waiting.DisposeAsync();
        await next.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not reached within 30 s");
            await Task.Delay(5);
        }
    }

    /// <summary>The request path with configured scheduling and admission over one endpoint at 10.0.0.1:8000.</summary>
    private sealed class TestPath : IAsyncDisposable
    {
        private readonly InProcessExtProcTarget _target;

        private TestPath(string configText)
        {
            Clock = new ManualTimeProvider();
            var built = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, TimeProvider.System, new Random(1)).Build(configText);
            Assert.That(built.Diagnostics.Errors, Is.Empty);
            var diagnostics = new ConfigDiagnostics();
            var setup = FlowControlFactory.Build(built.Config!, Clock, diagnostics);
            Assert.That(diagnostics.Errors, Is.Empty);
            var datastore = new EndpointDatastore();
            datastore.ReplaceAll([new EndpointSpec("pod-0", IPAddress.Parse("10.0.0.1"), 8000)]);
            Controller = setup.FlowControl is { } options ? new FlowController(options, setup.Detector, () => datastore.Current.Endpoints, Clock) : null!;
            Admission = new AdmissionController(setup.Detector, () => datastore.Current.Endpoints, setup.FlowControl is null ? null : Controller);
            var scheduler = built.Scheduler!;
            Requests = RequestPath.Create(new ExtProcOptions(), NullLoggerFactory.Instance, TimeProvider.System, scheduler, [scheduler], new Random(1), datastore: datastore, admission: Admission);
            _target = new InProcessExtProcTarget(Requests.Service);
        }

        public ManualTimeProvider Clock { get; }

        public FlowController Controller { get; }

        public AdmissionController Admission { get; }

        public RequestPath Requests { get; }

        public static TestPath Create(string configText) => new(configText);

        /// <summary>Sends a chat request and reads the first reply.</summary>
        public async Task<(IExtProcExchange Exchange, Envoy.Service.ExtProc.V3.ProcessingResponse Reply)> SendAsync(params (string Key, string Value)[] headers)
        {
            var exchange = await OpenAsync(headers);
            return (exchange, (await exchange.ReadAsync())!);
        }

        /// <summary>Sends a request that flow control is expected to hold; returns once it is queued.</summary>
        public async Task<IExtProcExchange> OpenWaitingAsync()
        {
            var queued = Controller.QueuedCount;
            var exchange = await OpenAsync([]);
            await WaitUntilAsync(() => Controller.QueuedCount == queued + 1);
            return exchange;
        }

        public async ValueTask DisposeAsync()
        {
            Admission.Dispose();
            await _target.DisposeAsync();
            Requests.Meter.Dispose();
        }

        private async Task<IExtProcExchange> OpenAsync((string Key, string Value)[] headers)
        {
            var exchange = await _target.OpenAsync();
            await exchange.SendAsync(ChatHeaders(headers));
            await exchange.SendAsync(RequestBody(Body, endOfStream: true));
            return exchange;
        }
    }
}
