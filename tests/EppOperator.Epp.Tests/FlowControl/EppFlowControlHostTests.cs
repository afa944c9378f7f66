using System.Net;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Config;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Host;
using Microsoft.Extensions.Logging.Abstractions;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>The epp process with the <c>flowControl</c> feature gate, over real gRPC.</summary>
[TestFixture]
public sealed class EppFlowControlHostTests
{
    private const string Config = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        featureGates: [flowControl]
        plugins:
        - type: queue-scorer
        - type: concurrency-detector
          parameters: {maxConcurrency: 1}
        flowControl:
          defaultRequestTTL: 60s
        """;

    [Test]
    [CancelAfter(60_000)]
    public async Task Process_SecondRequestWhileTheEndpointIsBusy_QueuedInTheEppThenRouted(CancellationToken cancellationToken)
    {
        // Arrange
        var options = new EppHostOptions
        {
            GrpcPort = 0,
            GrpcHealthPort = 0,
            MetricsPort = 0,
            ListenAddress = IPAddress.Loopback,
            SecureServing = false,
            PoolName = "pool",
            Endpoints = [new("10.0.0.1:8000", IPAddress.Parse("10.0.0.1"), 8000)],
            SchedulerConfig = SchedulerConfigSource.FromText(Config),
        };
        await using var host = await EppHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, cancellationToken);
        using var channel = GrpcChannel.ForAddress(host.GrpcAddress);
        using var http = new HttpClient();
        using var first = await SendAsync(channel, cancellationToken);
        Assert.That(await first.ResponseStream.MoveNext(cancellationToken), Is.True);
        using var second = await SendAsync(channel, cancellationToken);
        var secondReply = second.ResponseStream.MoveNext(cancellationToken).AsTask();
        string queued;
        while (true)
        {
            queued = await http.GetStringAsync(host.MetricsAddress, cancellationToken);
            if (queued.Contains("inference_extension_flow_control_queue_size{fairness_id=\"default-flow\",inference_pool=\"pool\",model_name=\"m\",priority=\"0\",target_model_name=\"m\"} 1\n", StringComparison.Ordinal)) break;
            await Task.Delay(10, cancellationToken);
        }

        // Act: the first response completes
        await first.RequestStream.WriteAsync(ResponseHeaders(("content-type", "application/json")), cancellationToken);
        await first.RequestStream.WriteAsync(ResponseBody("{}", endOfStream: true), cancellationToken);
        var routed = await secondReply;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(routed, Is.True);
            Assert.That(second.ResponseStream.Current.RequestHeaders, Is.Not.Null);
            Assert.That(queued, Does.Contain("inference_extension_flow_control_pool_saturation{inference_pool=\"pool\"} 1\n"));
        });
    }

    private static async Task<GrpcCall<ProcessingRequest, ProcessingResponse>> SendAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        var call = channel.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
        await call.RequestStream.WriteAsync(CompletionsHeaders(), cancellationToken);
        await call.RequestStream.WriteAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true), cancellationToken);
        return call;
    }
}
