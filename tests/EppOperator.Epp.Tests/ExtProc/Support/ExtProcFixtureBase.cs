using System.Text;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Requests;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>
/// Starts one EPP per fixture (in process or behind the gRPC server) with the reference vectors' pool,
/// objectives and rewrite rule; each test starts from that state. The conformance hooks are off unless the
/// fixture asks for them, as in the epp process.
/// </summary>
public abstract class ExtProcFixtureBase(string targetKind, bool conformanceHooks = false)
{
    /// <summary>Small enough to test 413 without moving megabytes.</summary>
    internal const int TestBodyCap = 256 * 1024;

    private IExtProcTarget _target = null!;

    internal EppComponents Epp { get; private set; } = null!;

    internal string TargetKind { get; } = targetKind;

    [OneTimeSetUp]
    public async Task StartEppAsync()
    {
        Epp = new EppComponents(new ExtProcOptions { MaxRequestBodyBytes = TestBodyCap, MaxResponseBufferBytes = TestBodyCap, ConformanceHooks = conformanceHooks });
        _target = await ExtProcTargets.CreateAsync(TargetKind, Epp);
    }

    [OneTimeTearDown]
    public async Task StopEppAsync()
    {
        await _target.DisposeAsync();
        Epp.Dispose();
    }

    [SetUp]
    public async Task ResetStateAsync()
    {
        // Over the wire a previous test's stream may still be finishing on the server after its client let go;
        // its completion must not land in this test's records.
        await WaitUntilIdleAsync();
        Epp.SetEndpoints(ReferenceVectors.Pool);
        Epp.Objectives.ReplaceAll(
        [
            new InferenceObjective("default", "sql-lora", 2),
            new InferenceObjective("default", "my-model", 2),
            new InferenceObjective("default", "direct-model", 2),
            new InferenceObjective("default", "sql-lora-sheddable", 0),
        ]);
        Epp.Rewrites.ReplaceAll(
        [
            new InferenceModelRewrite("default", "rewrite", DateTimeOffset.UnixEpoch, [new ModelRewriteRule(["model-to-be-rewritten"], [new ModelRewriteTarget("rewritten-model", 1)])]),
        ]);
        Epp.Hook.Clear();
    }

    internal Task<IExtProcExchange> OpenAsync() => _target.OpenAsync();

    /// <summary>Waits (polling) until the server has no open stream.</summary>
    internal async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Epp.Service.ActiveStreams > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.That(Epp.Service.ActiveStreams, Is.Zero, "open streams on the server");
    }

    /// <summary>Drives <paramref name="vector"/> through one stream and checks the pick or the error against it.</summary>
    internal async Task AssertVectorAsync(RoutingVector vector)
    {
        // Arrange
        await using var exchange = await OpenAsync();

        // Act
        foreach (var message in vector.Messages()) await exchange.SendAsync(message);
        var first = await exchange.ReadAsync();

        // Assert
        Assert.That(first, Is.Not.Null);
        if (vector.ErrorStatus is { } status)
        {
            Assert.That((int)first!.ImmediateResponse.Status.Code, Is.EqualTo(status));
            var body = ImmediateBody(first);
            if (vector.ErrorBody!.EndsWith('*')) Assert.That(body, Does.StartWith(vector.ErrorBody[..^1]));
            else Assert.That(body, Is.EqualTo(vector.ErrorBody));
            Assert.That(Epp.Hook.Picked, Is.Empty);
        }
        else
        {
            var common = first!.RequestHeaders.Response;
            Assert.That(common.ClearRouteCache, Is.True);
            var set = SetHeaders(common);
            var destination = set["x-gateway-destination-endpoint"];
            Assert.That(vector.AllowedEndpoints, Does.Contain(destination));
            Assert.That(PickedMetadata(first), Is.EqualTo(destination), "header and metadata must not differ");
            Assert.That(set.Keys, Is.SubsetOf(new[] { "x-gateway-destination-endpoint", "Content-Length", "x-request-id" }));
            Assert.That(Epp.Hook.Picked.Select(p => p.Endpoint), Is.EqualTo(new[] { destination }));
            if (vector.ForwardedBody is { } expectedBody)
            {
                Assert.That(set["Content-Length"], Is.EqualTo(Encoding.UTF8.GetByteCount(expectedBody).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Assert.That(await ReadStreamedRequestBodyAsync(exchange), Is.EqualTo(expectedBody));
            }
            else
            {
                Assert.That(set, Does.Not.ContainKey("Content-Length"));
            }
        }

        await exchange.CompleteAsync();
        Assert.That(await exchange.ReadAsync(), Is.Null, "no further replies");
        Assert.That(await exchange.StatusAsync(), Is.Zero, "the stream ends OK after an ImmediateResponse too");
    }

    /// <summary>A stream whose request (completions headers, <paramref name="headers"/> and <paramref name="body"/>) has been routed and forwarded.</summary>
    internal async Task<IExtProcExchange> RoutedExchangeAsync(string body, params (string Key, string Value)[] headers)
    {
        var exchange = await OpenAsync();
        await exchange.SendAsync(CompletionsHeaders(headers));
        await exchange.SendAsync(RequestBody(body, endOfStream: true));
        Assert.That((await exchange.ReadAsync())!.RequestHeaders, Is.Not.Null);
        await ReadStreamedRequestBodyAsync(exchange);
        return exchange;
    }

    internal static async Task<string> ReadStreamedRequestBodyAsync(IExtProcExchange exchange)
    {
        var text = new StringBuilder();
        while (true)
        {
            var reply = await exchange.ReadAsync();
            var streamed = reply!.RequestBody.Response.BodyMutation.StreamedResponse;
            Assert.That(streamed.Body.Length, Is.LessThanOrEqualTo(62_000));
            text.Append(streamed.Body.ToStringUtf8());
            if (streamed.EndOfStream) return text.ToString();
        }
    }
}
