using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>
/// Starts one EPP per fixture (in process or behind the gRPC server) with the reference vectors' pool,
/// objectives and rewrite rule; each test starts from that state.
/// </summary>
public abstract class ExtProcFixtureBase(string targetKind)
{
    /// <summary>Small enough to test 413 without moving megabytes.</summary>
    internal const int TestBodyCap = 256 * 1024;

    private IExtProcTarget _target = null!;

    internal EppComponents Epp { get; private set; } = null!;

    internal string TargetKind { get; } = targetKind;

    [OneTimeSetUp]
    public async Task StartEppAsync()
    {
        Epp = new EppComponents(new ExtProcOptions { MaxRequestBodyBytes = TestBodyCap, MaxResponseBufferBytes = TestBodyCap });
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
}
