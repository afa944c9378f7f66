using System.Text;
using EppOperator.Epp.Tests.ExtProc.Support;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>
/// The reference EPP's integration vectors and response-path cases, driven through whole ext_proc streams.
/// Deliberate differences from the reference, asserted here: request headers are not echoed back (echoing
/// with overwrite collapses repeated headers); IPv6 gets brackets; no endpoints gives 503, not 500.
/// </summary>
[TestFixture(ExtProcTargets.Grpc)]
[TestFixture(ExtProcTargets.InProcess)]
public sealed class ExtProcVectorTests(string targetKind) : ExtProcFixtureBase(targetKind)
{
    public static IEnumerable<string> VectorNames => ReferenceVectors.All.Keys;

    [TestCaseSource(nameof(VectorNames))]
    public async Task Process_ReferenceVector_RepliesAsExpected(string name) => await AssertVectorAsync(ReferenceVectors.All[name]);

    [Test]
    public async Task Process_FullDuplexHeadersWithoutEndOfStream_HeldUntilBodyEnds()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders());
        var silentAfterHeaders = await exchange.IsSilentForAsync(TimeSpan.FromMilliseconds(150));
        await exchange.SendAsync(RequestBody("""{"model":"m",""", endOfStream: false));
        var silentAfterFirstChunk = await exchange.IsSilentForAsync(TimeSpan.FromMilliseconds(150));
        await exchange.SendAsync(RequestBody("\"prompt\":\"p\"}", endOfStream: true));
        var reply = await exchange.ReadAsync();

        Assert.That(silentAfterHeaders, Is.True);
        Assert.That(silentAfterFirstChunk, Is.True);
        Assert.That(reply!.RequestHeaders, Is.Not.Null);
    }

    [Test]
    public async Task Process_GeneratedRequestId_SetOnTheRequest()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(RequestHeaders([(":path", "/v1/models")], endOfStream: true));
        var reply = await exchange.ReadAsync();

        Assert.That(Guid.TryParse(SetHeaders(reply!.RequestHeaders.Response)["x-request-id"], out _), Is.True);
    }

    [Test]
    public async Task Process_ClientSuppliedDestination_OverwrittenNeverEchoed()
    {
        // Arrange: the client tries to pin a host outside the pool.
        await using var exchange = await OpenAsync();

        // Act
        await exchange.SendAsync(CompletionsHeaders(("x-gateway-destination-endpoint", "10.66.66.66:22"), ("x-gateway-destination-endpoint-served", "10.66.66.66:22")));
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true));
        var reply = await exchange.ReadAsync();

        // Assert
        var destination = SetHeaders(reply!.RequestHeaders.Response)["x-gateway-destination-endpoint"];
        Assert.That(ReferenceVectors.Pool, Does.Contain(destination));
        Assert.That(reply.RequestHeaders.Response.HeaderMutation.SetHeaders.Select(h => h.Header.RawValue.ToStringUtf8()), Has.None.Contains("10.66.66.66"));
    }

    [Test]
    public async Task Process_Ipv6Endpoint_BracketedInHeaderAndMetadata()
    {
        Epp.SetEndpoints("[fd00::7]:8000");
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(RequestHeaders([(":path", "/")], endOfStream: true));
        var reply = await exchange.ReadAsync();

        Assert.That(SetHeaders(reply!.RequestHeaders.Response)["x-gateway-destination-endpoint"], Is.EqualTo("[fd00::7]:8000"));
        Assert.That(PickedMetadata(reply), Is.EqualTo("[fd00::7]:8000"));
    }

    [Test]
    public async Task Process_NoEndpoints_ServiceUnavailable()
    {
        Epp.SetEndpoints();
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(RequestHeaders([(":path", "/")], endOfStream: true));
        var reply = await exchange.ReadAsync();

        Assert.That((int)reply!.ImmediateResponse.Status.Code, Is.EqualTo(503));
        Assert.That(ImmediateBody(reply), Is.EqualTo("inference error: ServiceUnavailable - no ready endpoints in the pool"));
    }

    [Test]
    public async Task Process_BodyLargerThanPiece_SplitInto62000BytePieces()
    {
        // Arrange: a 150,000-byte prompt sent in 3 chunks.
        var body = "{\"model\":\"m\",\"prompt\":\"" + new string('a', 150_000) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(body);
        await using var exchange = await OpenAsync();

        // Act
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody(bytes[..60_000], endOfStream: false));
        await exchange.SendAsync(RequestBody(bytes[60_000..120_000], endOfStream: false));
        await exchange.SendAsync(RequestBody(bytes[120_000..], endOfStream: true));
        await exchange.ReadAsync();
        var pieces = new List<int>();
        var text = new StringBuilder();
        while (true)
        {
            var reply = (await exchange.ReadAsync())!.RequestBody.Response.BodyMutation.StreamedResponse;
            pieces.Add(reply.Body.Length);
            text.Append(reply.Body.ToStringUtf8());
            if (reply.EndOfStream) break;
        }

        // Assert
        Assert.That(pieces, Is.EqualTo(new[] { 62_000, 62_000, bytes.Length - 124_000 }));
        Assert.That(text.ToString(), Is.EqualTo(body));
    }

    [Test]
    public async Task Process_BodyOverCap_PayloadTooLargeBeforeEndOfStream()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody(new byte[TestBodyCap], endOfStream: false));
        await exchange.SendAsync(RequestBody(new byte[16], endOfStream: false));
        var reply = await exchange.ReadAsync();

        Assert.That((int)reply!.ImmediateResponse.Status.Code, Is.EqualTo(413));
        Assert.That(ImmediateBody(reply), Does.StartWith("inference error: PayloadTooLarge - request body exceeds"));
    }

    [Test]
    public async Task Process_RequestTrailers_BodyWithoutEndOfStreamThenTrailersAnswered()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: false));
        await exchange.SendAsync(RequestTrailers());
        var headers = await exchange.ReadAsync();
        var body = await exchange.ReadAsync();
        var trailers = await exchange.ReadAsync();

        Assert.That(headers!.RequestHeaders, Is.Not.Null);
        Assert.That(body!.RequestBody.Response.BodyMutation.StreamedResponse.EndOfStream, Is.False, "trailers still follow");
        Assert.That(StreamedText(body.RequestBody.Response), Is.EqualTo("""{"model":"m","prompt":"p"}"""));
        Assert.That(trailers!.RequestTrailers, Is.Not.Null);
    }

    [Test]
    public async Task Process_JsonResponseInTwoChunks_OneConcatenatedReplyAndUsage()
    {
        // Arrange
        await using var exchange = await RoutedExchangeAsync("""{"model":"my-model","prompt":"p"}""");

        // Act
        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json"), (":status", "200")));
        var headersReply = await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("""{"object":"text_completion","usage":{"prompt_tokens":7,""", endOfStream: false));
        var silentMidBody = await exchange.IsSilentForAsync(TimeSpan.FromMilliseconds(100));
        await exchange.SendAsync(ResponseBody("\"completion_tokens\":10,\"total_tokens\":17}}", endOfStream: true));
        var bodyReply = await exchange.ReadAsync();
        await Epp.Hook.WaitForCompletionsAsync(1);

        // Assert
        var set = SetHeaders(headersReply!.ResponseHeaders.Response);
        Assert.That(set["x-went-into-resp-headers"], Is.EqualTo("true"));
        Assert.That(silentMidBody, Is.True, "a non-streamed response is held until its end");
        Assert.That(bodyReply!.ResponseBody.Response.BodyMutation.StreamedResponse.EndOfStream, Is.True);
        Assert.That(StreamedText(bodyReply.ResponseBody.Response), Is.EqualTo("""{"object":"text_completion","usage":{"prompt_tokens":7,"completion_tokens":10,"total_tokens":17}}"""));
        Assert.That(Epp.Hook.Received.Single().Status, Is.EqualTo(200));
        Assert.That(Epp.Hook.Completed.Single(), Is.EqualTo((Epp.Hook.Picked.Single().RequestId, new EppOperator.Epp.Requests.ResponseUsage(7, 10, 17, 0), true)));
    }

    [Test]
    public async Task Process_JsonResponseThenEmptyEndChunk_OneReply()
    {
        await using var exchange = await RoutedExchangeAsync("""{"model":"my-model","prompt":"p"}""");

        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json")));
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("""{"usage":{"prompt_tokens":3,"completion_tokens":1}}""", endOfStream: false));
        await exchange.SendAsync(ResponseBody("", endOfStream: true));
        var bodyReply = await exchange.ReadAsync();
        await exchange.CompleteAsync();

        Assert.That(StreamedText(bodyReply!.ResponseBody.Response), Is.EqualTo("""{"usage":{"prompt_tokens":3,"completion_tokens":1}}"""));
        Assert.That(bodyReply.ResponseBody.Response.BodyMutation.StreamedResponse.EndOfStream, Is.True);
        Assert.That(await exchange.ReadAsync(), Is.Null);
    }

    [Test]
    public async Task Process_SseResponse_EchoedChunkByChunkWithUsage()
    {
        // Arrange
        await using var exchange = await RoutedExchangeAsync("""{"model":"my-model","prompt":"p","stream":true}""");
        string[] chunks = ["data: {}\n\n", "data: {\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\ndata: [DONE]\n\n", ""];

        // Act
        await exchange.SendAsync(ResponseHeaders(("content-type", "text/event-stream"), ("status", "200")));
        var headersReply = await exchange.ReadAsync();
        var echoed = new List<(string Text, bool Eos)>();
        for (var i = 0; i < chunks.Length; i++)
        {
            await exchange.SendAsync(ResponseBody(chunks[i], endOfStream: i == chunks.Length - 1));
            var streamed = (await exchange.ReadAsync())!.ResponseBody.Response.BodyMutation.StreamedResponse;
            echoed.Add((streamed.Body.ToStringUtf8(), streamed.EndOfStream));
        }

        await Epp.Hook.WaitForCompletionsAsync(1);

        // Assert
        Assert.That(SetHeaders(headersReply!.ResponseHeaders.Response)["x-went-into-resp-headers"], Is.EqualTo("true"));
        Assert.That(echoed, Is.EqualTo(new[] { (chunks[0], false), (chunks[1], false), (chunks[2], true) }));
        Assert.That(Epp.Hook.Completed.Single().Usage.PromptTokens, Is.EqualTo(7));
        Assert.That(Epp.Hook.Received.Single().Status, Is.EqualTo(200), "the reference's plain status key is still read");
    }

    [Test]
    public async Task Process_RewrittenModel_RestoredInResponseAndContentLengthRemoved()
    {
        await using var exchange = await RoutedExchangeAsync("""{"model":"model-to-be-rewritten","prompt":"p"}""");

        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json"), ("content-length", "40")));
        var headersReply = await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("""{"id":"1","model":"rewritten-model"}""", endOfStream: true));
        var bodyReply = await exchange.ReadAsync();

        Assert.That(headersReply!.ResponseHeaders.Response.HeaderMutation.RemoveHeaders, Does.Contain("content-length"));
        Assert.That(StreamedText(bodyReply!.ResponseBody.Response), Is.EqualTo("""{"id":"1","model":"model-to-be-rewritten"}"""));
    }

    [Test]
    public async Task Process_SelectionHeaderWithDefaultOptions_IgnoredAndTheSchedulerPicks()
    {
        // Act: three requests asking for .2, then one asking for an address outside the pool.
        foreach (var selection in new[] { "192.168.1.2", "192.168.1.2", "192.168.1.2", "192.168.1.99" })
        {
            await using var exchange = await RoutedExchangeAsync("{}", ("test-epp-endpoint-selection", selection));
        }

        // Assert
        var picked = Epp.Hook.Picked.Select(p => p.Endpoint).ToList();
        Assert.That(picked.Take(3), Is.EquivalentTo(ReferenceVectors.Pool), "round-robin's picks, not the client's");
        Assert.That(picked, Has.Count.EqualTo(4), "a selection outside the pool is not honoured as a 503 either");
    }

    [Test]
    public async Task Process_ServedMetadataWithDefaultOptions_NoConformanceHeader()
    {
        await using var exchange = await RoutedExchangeAsync("{}");

        await exchange.SendAsync(ResponseHeaders(("content-type", "text/plain")).WithServed("192.168.1.2:8000"));
        var reply = await exchange.ReadAsync();

        Assert.That(SetHeaders(reply!.ResponseHeaders.Response), Does.Not.ContainKey("x-conformance-test-served-endpoint"));
        Assert.That(reply.ResponseHeaders.Response.HeaderMutation.RemoveHeaders, Does.Not.Contain("x-conformance-test-served-endpoint"));
    }

    [Test]
    public async Task Process_ResponseTrailers_HeldBodyFlushedThenTrailersAnswered()
    {
        await using var exchange = await RoutedExchangeAsync("""{"model":"m","prompt":"p"}""");

        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json")));
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("""{"usage":{"prompt_tokens":1,"completion_tokens":1}}""", endOfStream: false));
        await exchange.SendAsync(ResponseTrailers());
        var body = await exchange.ReadAsync();
        var trailers = await exchange.ReadAsync();
        await Epp.Hook.WaitForCompletionsAsync(1);

        Assert.That(body!.ResponseBody.Response.BodyMutation.StreamedResponse.EndOfStream, Is.False);
        Assert.That(trailers!.ResponseTrailers, Is.Not.Null);
        Assert.That(Epp.Hook.Completed.Single().Completed, Is.True);
        Assert.That(Epp.Hook.Completed.Single().Usage.TotalTokens, Is.EqualTo(2));
    }

    [Test]
    public async Task Process_ResponseHeadersEndOfStream_CompletesOnce()
    {
        await using var exchange = await RoutedExchangeAsync("""{"model":"m","prompt":"p"}""");

        await exchange.SendAsync(ResponseHeaders(endOfStream: true, (":status", "204")));
        await exchange.ReadAsync();
        await exchange.CompleteAsync();
        await exchange.StatusAsync();

        Assert.That(Epp.Hook.Completed.Single().Completed, Is.True);
    }
}
