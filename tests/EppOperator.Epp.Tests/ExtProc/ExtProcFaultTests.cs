using EppOperator.Epp.Tests.ExtProc.Support;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>Misbehaving or vanishing proxies: the EPP stays up, accounts correctly and keeps routing.</summary>
[TestFixture(ExtProcTargets.Grpc)]
[TestFixture(ExtProcTargets.InProcess)]
public sealed class ExtProcFaultTests(string targetKind) : ExtProcFixtureBase(targetKind)
{
    private const string ValidBody = """{"model":"my-model","prompt":"hello"}""";

    [Test]
    public async Task Process_ClientResetsMidBody_NothingPickedAndNextStreamRouted()
    {
        // Arrange
        var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody("""{"model":"my-mo""", endOfStream: false));

        // Act
        await exchange.ResetAsync();
        await exchange.StatusAsync();
        await exchange.DisposeAsync();

        // Assert
        Assert.That(Epp.Hook.Picked, Is.Empty);
        Assert.That(Epp.Hook.Completed, Is.Empty);
        Assert.That(await RouteOnceAsync(), Is.True);
        await WaitUntilIdleAsync();
    }

    [Test]
    public async Task Process_ClientResetsDuringResponse_CompletedOnceAsAbandoned()
    {
        var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody(ValidBody, endOfStream: true));
        await exchange.ReadAsync();
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseHeaders(("content-type", "text/event-stream")));
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("data: {}\n\n", endOfStream: false));
        await exchange.ReadAsync();

        await exchange.ResetAsync();
        await exchange.StatusAsync();
        await exchange.DisposeAsync();
        await Epp.Hook.WaitForCompletionsAsync(1);

        Assert.That(Epp.Hook.Completed.Single().Completed, Is.False);
        Assert.That(Epp.Hook.Picked, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Process_BodyChunkAfterEndOfStream_IgnoredAndExchangeContinues()
    {
        await using var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody(ValidBody, endOfStream: true));
        await exchange.ReadAsync();
        await exchange.ReadAsync();

        await exchange.SendAsync(RequestBody("stray bytes", endOfStream: true));
        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json")));
        var next = await exchange.ReadAsync();
        await exchange.CompleteAsync();

        Assert.That(next!.ResponseHeaders, Is.Not.Null, "the stray chunk got no reply of its own");
        Assert.That(await exchange.ReadAsync(), Is.Null);
        Assert.That(await exchange.StatusAsync(), Is.Zero);
    }

    [Test]
    public async Task Process_ResponseWithoutRequest_EchoedWithoutAccounting()
    {
        await using var exchange = await OpenAsync();

        await exchange.SendAsync(ResponseHeaders(("content-type", "application/json")));
        var headers = await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("""{"ok":true}""", endOfStream: true));
        var body = await exchange.ReadAsync();
        await exchange.CompleteAsync();

        Assert.That(headers!.ResponseHeaders, Is.Not.Null);
        Assert.That(StreamedText(body!.ResponseBody.Response), Is.EqualTo("""{"ok":true}"""));
        Assert.That(body.ResponseBody.Response.BodyMutation.StreamedResponse.EndOfStream, Is.True);
        Assert.That(await exchange.StatusAsync(), Is.Zero);
        Assert.That(Epp.Hook.Completed, Is.Empty);
    }

    [Test]
    public async Task Process_MessagesAfterImmediateResponse_IgnoredStreamEndsOk()
    {
        await using var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody("{not json", endOfStream: true));
        var rejection = await exchange.ReadAsync();

        await exchange.SendAsync(RequestBody("more", endOfStream: true));
        await exchange.SendAsync(RequestTrailers());
        await exchange.CompleteAsync();

        Assert.That((int)rejection!.ImmediateResponse.Status.Code, Is.EqualTo(400));
        Assert.That(await exchange.ReadAsync(), Is.Null);
        Assert.That(await exchange.StatusAsync(), Is.Zero);
    }

    [Test]
    public async Task Process_ThousandMalformedStreamsThenValid_AllValidRoutedAndMemoryFlat()
    {
        // Arrange: warm up allocations and pools before measuring.
        for (var i = 0; i < 100; i++) await RejectOnceAsync();
        var before = ManagedHeapAfterCollection();

        // Act
        for (var i = 0; i < 1_000; i++) Assert.That(await RejectOnceAsync(), Is.EqualTo(400));
        var routed = 0;
        for (var i = 0; i < 100; i++) routed += await RouteOnceAsync() ? 1 : 0;
        var after = ManagedHeapAfterCollection();

        // Assert
        Assert.That(routed, Is.EqualTo(100));
        Assert.That(after - before, Is.LessThan(4 * 1024 * 1024), $"heap grew from {before:N0} to {after:N0} bytes");
        await WaitUntilIdleAsync();
    }

    private async Task<int> RejectOnceAsync()
    {
        await using var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":""", endOfStream: true));
        var reply = await exchange.ReadAsync();
        await exchange.CompleteAsync();
        Assert.That(await exchange.ReadAsync(), Is.Null);
        return (int)reply!.ImmediateResponse.Status.Code;
    }

    private async Task<bool> RouteOnceAsync()
    {
        await using var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders());
        await exchange.SendAsync(RequestBody(ValidBody, endOfStream: true));
        var reply = await exchange.ReadAsync();
        var body = await exchange.ReadAsync();
        await exchange.CompleteAsync();
        return reply?.RequestHeaders is not null
            && ReferenceVectors.Pool.Contains(SetHeaders(reply.RequestHeaders.Response)["x-gateway-destination-endpoint"])
            && StreamedText(body!.RequestBody.Response) == ValidBody;
    }

    private static long ManagedHeapAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
