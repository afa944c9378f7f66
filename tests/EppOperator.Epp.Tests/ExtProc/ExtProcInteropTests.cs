using System.Text.Json;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Tests.ExtProc.Support;
using EppOperator.Testing.Interop;
using EppOperator.Testing.Net;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>
/// An independent gRPC implementation (@grpc/grpc-js) with its own copy of the message definitions, loaded by
/// @grpc/proto-loader from the .proto files, plays Envoy for one whole exchange: what it sends decodes here, and
/// what the EPP answers decodes there with the field names and types Envoy reads.
/// </summary>
[TestFixture]
public sealed class ExtProcInteropTests
{
    [Test]
    public async Task Process_GrpcJsPlayingEnvoy_FullExchangeDecodesOnBothSides()
    {
        // Arrange
        var node = InteropEnvironment.RequireNodeGrpc();
        using var epp = new EppComponents(new ExtProcOptions { ConformanceHooks = true });
        epp.SetEndpoints(ReferenceVectors.Pool);
        await using var target = await GrpcExtProcTarget.StartAsync(epp.Service);
        var script = Path.Combine(InteropEnvironment.InteropDirectory, "extproc-client.mjs");

        // Act
        var run = await ChildProcess.RunAsync(node, [script, "--target", $"127.0.0.1:{target.Port}", "--subset", "192.168.1.2:8000"], TimeSpan.FromSeconds(60), InteropEnvironment.InteropDirectory);
        await epp.Hook.WaitForCompletionsAsync(1);

        // Assert
        Assert.That(run.ExitCode, Is.Zero, run.StandardOutput + run.StandardError);
        using var json = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.That(root.GetProperty("status").GetInt32(), Is.Zero);
        Assert.That(root.GetProperty("replyKinds").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[]
        {
            "request_headers", "request_body", "response_headers", "response_body", "response_body", "response_body", "response_trailers",
        }));
        Assert.That(root.GetProperty("clearRouteCache").GetBoolean(), Is.True);
        var requestHeaders = root.GetProperty("requestHeaders");
        var destination = requestHeaders.GetProperty("x-gateway-destination-endpoint");
        Assert.That(destination.GetProperty("raw").GetString(), Is.EqualTo("192.168.1.2:8000"), "the subset hint (a ListValue) was honoured");
        Assert.That(destination.GetProperty("value").GetString(), Is.Empty, "raw_value only");
        Assert.That(root.GetProperty("metadataDestination").GetString(), Is.EqualTo("192.168.1.2:8000"));
        var sentBody = root.GetProperty("sentBody").GetString()!;
        Assert.That(root.GetProperty("forwardedBody").GetString(), Is.EqualTo(sentBody));
        Assert.That(root.GetProperty("forwardedEndOfStream").GetBoolean(), Is.True);
        Assert.That(requestHeaders.GetProperty("Content-Length").GetProperty("raw").GetString(), Is.EqualTo(System.Text.Encoding.UTF8.GetByteCount(sentBody).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var responseHeaders = root.GetProperty("responseHeaders");
        Assert.That(responseHeaders.GetProperty("x-went-into-resp-headers").GetProperty("raw").GetString(), Is.EqualTo("true"));
        Assert.That(responseHeaders.GetProperty("x-conformance-test-served-endpoint").GetProperty("raw").GetString(), Is.EqualTo("192.168.1.2:8000"));
        Assert.That(root.GetProperty("echoedBodies").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(root.GetProperty("sentSse").EnumerateArray().Select(e => e.GetString())));
        Assert.That(root.GetProperty("echoedEndOfStream").EnumerateArray().Select(e => e.GetBoolean()), Is.All.False, "trailers follow the body");
        var completion = epp.Hook.Completed.Single();
        Assert.That(completion.Completed, Is.True);
        Assert.That(completion.Usage, Is.EqualTo(new EppOperator.Epp.Requests.ResponseUsage(13, 1, 14, 8)), "usage split across SSE chunks was read");
        Assert.That(epp.Hook.Picked.Single().RequestId, Is.EqualTo("interop-1"));
    }
}
