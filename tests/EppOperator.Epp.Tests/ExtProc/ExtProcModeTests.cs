using EppOperator.Epp.Tests.ExtProc.Support;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;
using Mode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>
/// Proxies configured with other body modes than FULL_DUPLEX_STREAMED (announced in <c>protocol_config</c>) get
/// the answers those modes expect instead of a stalled exchange (epp-protocol.md §8.1).
/// </summary>
[TestFixture(ExtProcTargets.Grpc)]
[TestFixture(ExtProcTargets.InProcess)]
public sealed class ExtProcModeTests(string targetKind) : ExtProcFixtureBase(targetKind)
{
    private const string RewrittenBody = """{"model":"model-to-be-rewritten","prompt":"p"}""";
    private const string ForwardedBody = """{"model":"rewritten-model","prompt":"p"}""";

    [Test]
    public async Task Process_Buffered_HeadersContinuedThenPickOnBodyReply()
    {
        // Arrange
        await using var exchange = await OpenAsync();

        // Act
        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.Buffered, Mode.Buffered));
        var headersReply = await exchange.ReadAsync();
        await exchange.SendAsync(RequestBody(RewrittenBody, endOfStream: true));
        var bodyReply = await exchange.ReadAsync();

        // Assert
        Assert.That(headersReply!.RequestHeaders.Response.HeaderMutation, Is.Null, "nothing to say before the body");
        var common = bodyReply!.RequestBody.Response;
        var set = SetHeaders(common);
        Assert.That(ReferenceVectors.Pool, Does.Contain(set["x-gateway-destination-endpoint"]));
        Assert.That(PickedMetadata(bodyReply), Is.EqualTo(set["x-gateway-destination-endpoint"]));
        Assert.That(set["Content-Length"], Is.EqualTo(ForwardedBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(common.ClearRouteCache, Is.True);
        Assert.That(common.BodyMutation.Body.ToStringUtf8(), Is.EqualTo(ForwardedBody));
    }

    [Test]
    public async Task Process_BufferedUnchangedBody_NoBodyMutation()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.Buffered, Mode.Buffered));
        await exchange.ReadAsync();
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true));
        var bodyReply = await exchange.ReadAsync();

        Assert.That(bodyReply!.RequestBody.Response.BodyMutation, Is.Null);
    }

    [Test]
    public async Task Process_BufferedPartialTruncated_PayloadTooLarge()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.BufferedPartial, Mode.None));
        await exchange.ReadAsync();
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":"cut he""", endOfStream: false));
        var reply = await exchange.ReadAsync();

        Assert.That((int)reply!.ImmediateResponse.Status.Code, Is.EqualTo(413));
    }

    [Test]
    public async Task Process_StreamedWithoutEarlyBody_RoutedOnHeadersChunksPassThrough()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.Streamed, Mode.Streamed));
        var headersReply = await exchange.ReadAsync();
        await exchange.SendAsync(RequestBody("""{"model":"model-to""", endOfStream: false));
        var first = await exchange.ReadAsync();
        await exchange.SendAsync(RequestBody("""-be-rewritten","prompt":"p"}""", endOfStream: true));
        var second = await exchange.ReadAsync();

        Assert.That(ReferenceVectors.Pool, Does.Contain(SetHeaders(headersReply!.RequestHeaders.Response)["x-gateway-destination-endpoint"]));
        Assert.That(first!.RequestBody.Response.BodyMutation, Is.Null);
        Assert.That(second!.RequestBody.Response.BodyMutation, Is.Null);
    }

    [Test]
    public async Task Process_StreamedWithEarlyBody_HeldChunksAnsweredAndRewritten()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.Streamed, Mode.Streamed, bodyWithoutWaiting: true));
        await exchange.SendAsync(RequestBody("""{"model":"model-to""", endOfStream: false));
        await exchange.SendAsync(RequestBody("""-be-rewritten","prompt":"p"}""", endOfStream: true));
        var headersReply = await exchange.ReadAsync();
        var first = await exchange.ReadAsync();
        var second = await exchange.ReadAsync();

        Assert.That(SetHeaders(headersReply!.RequestHeaders.Response)["Content-Length"], Is.EqualTo(ForwardedBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(first!.RequestBody.Response.BodyMutation.ClearBody, Is.True);
        Assert.That(second!.RequestBody.Response.BodyMutation.Body.ToStringUtf8(), Is.EqualTo(ForwardedBody));
    }

    [Test]
    public async Task Process_StreamedWithEarlyBodyUnchanged_HeldChunksContinued()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.Streamed, Mode.Streamed, bodyWithoutWaiting: true));
        await exchange.SendAsync(RequestBody("""{"model":"m",""", endOfStream: false));
        await exchange.SendAsync(RequestBody("\"prompt\":\"p\"}", endOfStream: true));
        await exchange.ReadAsync();
        var first = await exchange.ReadAsync();
        var second = await exchange.ReadAsync();

        Assert.That(first!.RequestBody.Response.BodyMutation, Is.Null);
        Assert.That(second!.RequestBody.Response.BodyMutation, Is.Null);
    }

    [Test]
    public async Task Process_RequestBodyModeNone_RoutedOnHeaders()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.None, Mode.None));
        var reply = await exchange.ReadAsync();

        Assert.That(reply!.RequestHeaders.Response.HeaderMutation.SetHeaders, Has.Some.Matches<Envoy.Config.Core.V3.HeaderValueOption>(h => h.Header.Key == "x-gateway-destination-endpoint"));
    }

    [Test]
    public async Task Process_StreamedResponse_ChunksAnsweredInPlaceWithRestoredModel()
    {
        // Arrange
        await using var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.Buffered, Mode.Streamed));
        await exchange.ReadAsync();
        await exchange.SendAsync(RequestBody(RewrittenBody, endOfStream: true));
        await exchange.ReadAsync();

        // Act
        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json")));
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("""{"model":"rewritten-model",""", endOfStream: false));
        var first = await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3}}", endOfStream: true));
        var second = await exchange.ReadAsync();
        await Epp.Hook.WaitForCompletionsAsync(1);

        // Assert
        Assert.That(first!.ResponseBody.Response.BodyMutation.Body.ToStringUtf8(), Is.EqualTo("""{"model":"model-to-be-rewritten","""));
        Assert.That(second!.ResponseBody.Response.BodyMutation, Is.Null, "nothing to restore in this chunk");
        Assert.That(Epp.Hook.Completed.Single().Usage.TotalTokens, Is.EqualTo(5));
    }

    [Test]
    public async Task Process_ResponseBodyModeNone_StreamEndCompletesTheRequest()
    {
        await using var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders().WithModes(Mode.FullDuplexStreamed, Mode.None));
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true));
        await exchange.ReadAsync();
        await exchange.ReadAsync();

        await exchange.SendAsync(ResponseHeaders((":status", "200")));
        await exchange.ReadAsync();
        await exchange.CompleteAsync();
        await exchange.StatusAsync();
        await Epp.Hook.WaitForCompletionsAsync(1);

        Assert.That(Epp.Hook.Completed.Single().Completed, Is.True);
    }
}
