using EppOperator.Sim.Gateway;

namespace EppOperator.Sim.Tests.Gateway;

public class ExtProcTimingsTests
{
    private static TimeSpan Ms(double value) => TimeSpan.FromMilliseconds(value);

    [Test]
    public void Summary_RecordedRequests_PercentilesPerPhaseAndTotals()
    {
        var timings = new ExtProcTimings();
        timings.Record(Ms(1), Ms(2), Ms(3));
        timings.Record(Ms(3), Ms(2), null);
        timings.RecordFailure(failedOpen: true);

        var summary = timings.Summary();

        Assert.That(summary.Requests, Is.EqualTo(2));
        Assert.That(summary.RequestMs.Mean, Is.EqualTo(2));
        Assert.That(summary.RequestMs.P50, Is.EqualTo(2));
        Assert.That(summary.ResponseHeadersMs.Mean, Is.EqualTo(2));
        Assert.That(summary.FirstBodyChunkMs.Mean, Is.EqualTo(3), "a request without a streamed body has no first-chunk sample");
        Assert.That(summary.TotalMs.Mean, Is.EqualTo((6 + 5) / 2.0));
        Assert.That(summary.FailOpen, Is.EqualTo(1));
    }

    [Test]
    public void Record_NoRequestPhase_IsNotARequestThroughTheEpp()
    {
        var timings = new ExtProcTimings();

        timings.Record(null, null, null);

        Assert.That(timings.Summary().Requests, Is.Zero);
    }

    [Test]
    public void Reset_AfterRecording_ForgetsEverything()
    {
        var timings = new ExtProcTimings();
        timings.Record(Ms(1), Ms(1), Ms(1));
        timings.RecordFailure(failedOpen: false);

        timings.Reset();
        var summary = timings.Summary();

        Assert.That(summary.Requests, Is.Zero);
        Assert.That(summary.TotalMs.P99, Is.Zero);
        Assert.That(summary.FailClosed, Is.Zero);
    }
}
