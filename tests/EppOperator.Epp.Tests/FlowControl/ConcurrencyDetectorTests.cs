using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;

namespace EppOperator.Epp.Tests.FlowControl;

[TestFixture]
public sealed class ConcurrencyDetectorTests
{
    [TestCase(false, 0.35)] // (3 + 4) requests / (2 × 10)
    [TestCase(true, 0.35)] // (3000 + 4000) tokens / (2 × 10,000)
    public void Saturation_InFlightLoad_IsTheSumOverTheCapacity(bool tokens, double expected)
    {
        // Arrange
        var detector = new ConcurrencyDetector(ConcurrencyDetector.TypeName, tokens ? ConcurrencyMode.Tokens : ConcurrencyMode.Requests, maxConcurrency: 10, maxTokenConcurrency: 10_000);
        Endpoint[] endpoints = [WithInFlight(3), WithInFlight(4)];

        // Act
        var saturation = detector.Saturation(endpoints);

        // Assert
        Assert.That(saturation, Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Saturation_NoEndpoints_IsSaturated()
    {
        Assert.That(new ConcurrencyDetector("c").Saturation([]), Is.EqualTo(1.0));
    }

    [TestCase(false, 2, 500, 0.1)] // 2 / (2 × 10)
    [TestCase(true, 2, 500, 0.025)] // 500 / (2 × 10,000)
    public void Reservation_Mode_CountsRequestsOrTokens(bool tokenMode, int requests, long tokens, double expected)
    {
        var detector = new ConcurrencyDetector("c", tokenMode ? ConcurrencyMode.Tokens : ConcurrencyMode.Requests, maxConcurrency: 10, maxTokenConcurrency: 10_000);

        Assert.That(detector.Reservation(2, requests, tokens), Is.EqualTo(expected).Within(1e-9));
    }

    private static Endpoint WithInFlight(int requests)
    {
        var endpoint = new Endpoint(new EndpointSpec("e", IPAddress.Loopback, 8000));
        for (var i = 0; i < requests; i++) endpoint.AddInFlight(1000);
        return endpoint;
    }
}
