using EppOperator.Epp.Tests.ExtProc.Support;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcReplies;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>
/// With the conformance hooks switched on (<c>--conformance-hooks</c>, conformance runs only): the client's
/// <c>test-epp-endpoint-selection</c> decides the pod within the pool, and responses report the served endpoint.
/// <see cref="ExtProcVectorTests"/> checks that neither happens with the defaults.
/// </summary>
[TestFixture(ExtProcTargets.Grpc)]
[TestFixture(ExtProcTargets.InProcess)]
public sealed class ExtProcConformanceHooksTests(string targetKind) : ExtProcFixtureBase(targetKind, conformanceHooks: true)
{
    public static IEnumerable<string> VectorNames => ReferenceVectors.Conformance.Keys;

    [TestCaseSource(nameof(VectorNames))]
    public async Task Process_ConformanceVector_RepliesAsExpected(string name) => await AssertVectorAsync(ReferenceVectors.Conformance[name]);

    [Test]
    public async Task Process_SelectionHeader_EveryRequestLandsOnTheSelectedPod()
    {
        // Act
        for (var i = 0; i < 3; i++)
        {
            await using var exchange = await RoutedExchangeAsync("{}", ("test-epp-endpoint-selection", "192.168.1.2"));
        }

        // Assert
        Assert.That(Epp.Hook.Picked.Select(p => p.Endpoint), Is.EqualTo(Enumerable.Repeat("192.168.1.2:8000", 3)));
    }

    [Test]
    public async Task Process_SelectionOutsideThePool_503NeverAnotherHost()
    {
        // Arrange
        await using var exchange = await OpenAsync();

        // Act
        await exchange.SendAsync(CompletionsHeaders(("test-epp-endpoint-selection", "10.66.66.66:8000")));
        await exchange.SendAsync(RequestBody("""{"model":"my-model","prompt":"p"}""", endOfStream: true));
        var reply = await exchange.ReadAsync();

        // Assert
        Assert.That((int)reply!.ImmediateResponse.Status.Code, Is.EqualTo(503));
        Assert.That(Epp.Hook.Picked, Is.Empty);
    }

    [Test]
    public async Task Process_ServedMetadata_ReportedInConformanceHeader()
    {
        await using var exchange = await RoutedExchangeAsync("{}");

        await exchange.SendAsync(ResponseHeaders(("content-type", "text/plain")).WithServed("192.168.1.2:8000"));
        var reply = await exchange.ReadAsync();

        Assert.That(SetHeaders(reply!.ResponseHeaders.Response)["x-conformance-test-served-endpoint"], Is.EqualTo("192.168.1.2:8000"));
    }

    [Test]
    public async Task Process_NoServedMetadata_UpstreamConformanceHeaderRemoved()
    {
        await using var exchange = await RoutedExchangeAsync("{}");

        await exchange.SendAsync(ResponseHeaders(("x-conformance-test-served-endpoint", "10.66.66.66:1")));
        var reply = await exchange.ReadAsync();

        Assert.That(reply!.ResponseHeaders.Response.HeaderMutation.RemoveHeaders, Does.Contain("x-conformance-test-served-endpoint"));
        Assert.That(SetHeaders(reply.ResponseHeaders.Response), Does.Not.ContainKey("x-conformance-test-served-endpoint"));
    }
}
