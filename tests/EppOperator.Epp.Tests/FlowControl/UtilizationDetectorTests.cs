using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Epp.Tests.FlowControl;

[TestFixture]
public sealed class UtilizationDetectorTests
{
    private static readonly ManualTimeProvider Clock = new ManualTimeProvider();

    // queue, kv, metrics age (ms; -1 never scraped), in flight → expected share of one endpoint (Q = 5, K = 0.8, stale after 200 ms)
    [TestCase(0, 0.0, 0, 0, 0.0)]
    [TestCase(2, 0.2, 0, 0, 0.4)]
    [TestCase(1, 0.6, 0, 0, 0.75)]
    [TestCase(10, 0.1, 0, 0, 2.0)]
    [TestCase(2, 0.2, 201, 0, 1.0)]
    [TestCase(0, 0.0, -1, 0, 1.0)]
    [TestCase(1, 0.0, 0, 4, 0.8)] // 1 waiting + (4 in flight − 1 seen) unseen = 4 queued
    [TestCase(1, 0.0, 0, 1, 0.2)] // the scrape already counts the one in flight
    public void EndpointSaturation_Vectors_MatchTheReferenceFormulaPlusUnseenRequests(int queue, double kv, int ageMs, int inFlight, double expected)
    {
        // Arrange
        var detector = new UtilizationDetector(UtilizationDetector.TypeName, Clock);
        var endpoint = EndpointWith(queue, kv, ageMs, inFlight);

        // Act
        var saturation = detector.EndpointSaturation(endpoint, Clock.GetUtcNow());

        // Assert
        Assert.That(saturation, Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Saturation_SeveralEndpoints_IsTheMeanOfTheirShares()
    {
        // Arrange
        var detector = new UtilizationDetector(UtilizationDetector.TypeName, Clock);
        Endpoint[] endpoints = [EndpointWith(5, 0, 0, 0), EndpointWith(0, 0.4, 0, 0), EndpointWith(0, 0, -1, 0)];

        // Act
        var saturation = detector.Saturation(endpoints);

        // Assert: (1 + 0.5 + 1) / 3
        Assert.That(saturation, Is.EqualTo(2.5 / 3).Within(1e-9));
    }

    [Test]
    public void Saturation_NoEndpoints_IsSaturated()
    {
        var detector = new UtilizationDetector(UtilizationDetector.TypeName, Clock);

        Assert.That(detector.Saturation([]), Is.EqualTo(1.0));
    }

    [Test]
    public void Saturation_CustomThresholds_AreUsed()
    {
        // Arrange
        var detector = new UtilizationDetector("d", Clock, queueDepthThreshold: 2, kvCacheUtilThreshold: 0.5, stalenessThreshold: TimeSpan.FromSeconds(1));

        // Act
        var saturation = detector.Saturation([EndpointWith(1, 0.4, 500, 0)]);

        // Assert: max(1/2, 0.4/0.5), fresh at 500 ms with a 1 s threshold
        Assert.That(saturation, Is.EqualTo(0.8).Within(1e-9));
    }

    [TestCase(1, 10, 0.02)]
    [TestCase(3, 2, 0.3)]
    [TestCase(0, 2, 0.0)]
    public void Reservation_Requests_CountAsOneQueuedRequestEach(int requests, int endpoints, double expected)
    {
        var detector = new UtilizationDetector(UtilizationDetector.TypeName, Clock);

        Assert.That(detector.Reservation(endpoints, requests, 1000), Is.EqualTo(expected).Within(1e-9));
    }

    [TestCase(0, 0.8)]
    [TestCase(5, 1.5)]
    [TestCase(5, 0)]
    public void Constructor_InvalidThresholds_Throws(int queueDepth, double kv)
    {
        Assert.That(() => new UtilizationDetector("d", Clock, queueDepth, kv), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static Endpoint EndpointWith(int queue, double kv, int ageMs, int inFlight)
    {
        var endpoint = new Endpoint(new EndpointSpec("e", IPAddress.Loopback, 8000));
        endpoint.Metrics = ageMs < 0
            ? EndpointMetrics.None
            : new EndpointMetrics { WaitingQueueSize = queue, KvCacheUsage = kv, UpdatedAt = Clock.GetUtcNow().AddMilliseconds(-ageMs) };
        for (var i = 0; i < inFlight; i++) endpoint.AddInFlight(10);
        return endpoint;
    }
}
