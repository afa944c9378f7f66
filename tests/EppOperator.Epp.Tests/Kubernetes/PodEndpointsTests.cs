using System.Collections.Immutable;
using EppOperator.Epp.Kubernetes;
using EppOperator.Kube.Entities;
using EppOperator.Kube.Entities.Core;

namespace EppOperator.Epp.Tests.Kubernetes;

public class PodEndpointsTests
{
    private static readonly EndpointPoolSpec TwoPorts = new("ns", ImmutableDictionary<string, string>.Empty.Add("app", "vllm"), [8000, 8001]);

    [Test]
    public void For_ReadyMatchingPod_OneEndpointPerTargetPortNamedByRank()
    {
        // Arrange
        var pod = Pod("p1");

        // Act
        var endpoints = PodEndpoints.For(pod, TwoPorts, metricsPortOverride: 9090);

        // Assert
        Assert.That(endpoints.Select(e => (e.Name, e.Port, e.MetricsPort)), Is.EqualTo(new[] { ("p1-rank-0", 8000, 8000), ("p1-rank-1", 8001, 8001) }));
        Assert.That(endpoints.All(e => e.Address.ToString() == "10.0.0.7" && e.PodName == "p1" && e.Namespace == "ns" && e.EngineType == "vllm"), Is.True);
    }

    [TestCase("True", false, 2)]
    [TestCase("False", false, 0)]
    [TestCase("Unknown", false, 0)]
    [TestCase("True", true, 0)]
    public void For_ReadinessAndTermination_DecideMembership(string ready, bool terminating, int expected)
    {
        // Arrange
        var pod = Pod("p", ready: ready);
        if (terminating) pod.Metadata.DeletionTimestamp = DateTimeOffset.UtcNow;

        // Act
        var endpoints = PodEndpoints.For(pod, TwoPorts, 0);

        // Assert
        Assert.That(endpoints, Has.Count.EqualTo(expected));
    }

    [TestCase("8001", new[] { "p-rank-1" })]
    [TestCase(" 8000 , 8001 ", new[] { "p-rank-0", "p-rank-1" })]
    [TestCase("8001,9999,abc,-5", new[] { "p-rank-1" })]
    [TestCase("", new string[0])]
    public void For_ActivePortsAnnotation_NarrowsThePorts(string annotation, string[] expected)
    {
        // Arrange
        var pod = Pod("p");
        pod.Metadata.Annotations = new() { [PodEndpoints.ActivePortsAnnotation] = annotation };

        // Act
        var endpoints = PodEndpoints.For(pod, TwoPorts, 0);

        // Assert
        Assert.That(endpoints.Select(e => e.Name), Is.EqualTo(expected));
    }

    [Test]
    public void For_SingleTargetPortWithMetricsPortFlag_ScrapesTheFlagPort()
    {
        // Arrange
        var pool = TwoPorts with { TargetPorts = [8000] };

        // Act
        var endpoint = PodEndpoints.For(Pod("p"), pool, metricsPortOverride: 9400).Single();

        // Assert
        Assert.That((endpoint.Port, endpoint.MetricsPort), Is.EqualTo((8000, 9400)));
    }

    [Test]
    public void For_EngineTypeLabel_SetsTheEngine()
    {
        // Arrange
        var pod = Pod("p");
        pod.Metadata.Labels![PodEndpoints.EngineTypeLabel] = "sglang";

        // Act
        var endpoints = PodEndpoints.For(pod, TwoPorts, 0);

        // Assert
        Assert.That(endpoints.Select(e => e.EngineType).Distinct(), Is.EqualTo(new[] { "sglang" }));
    }

    [TestCase("fd00::12", "[fd00::12]:8000")]
    [TestCase("", null)]
    [TestCase("not-an-ip", null)]
    public void For_PodAddress_IsParsedOrThePodIsSkipped(string podIp, string? expectedHostPort)
    {
        // Arrange
        var pod = Pod("p");
        pod.Status!.PodIP = podIp;

        // Act
        var endpoint = PodEndpoints.For(pod, TwoPorts with { TargetPorts = [8000] }, 0).SingleOrDefault();

        // Assert
        Assert.That(endpoint is null ? null : EppOperator.Epp.Datalayer.Endpoint.FormatHostPort(endpoint.Address, endpoint.Port), Is.EqualTo(expectedHostPort));
    }

    [TestCase("app=vllm", true)]
    [TestCase("app=other", false)]
    [TestCase("", false)]
    public void For_Selector_MustMatchAllTerms(string labels, bool member)
    {
        // Arrange
        var pod = Pod("p");
        pod.Metadata.Labels = labels.Length == 0 ? null : labels.Split(',').Select(l => l.Split('=')).ToDictionary(l => l[0], l => l[1]);

        // Act
        var endpoints = PodEndpoints.For(pod, TwoPorts, 0);

        // Assert
        Assert.That(endpoints.Count > 0, Is.EqualTo(member));
    }

    [Test]
    public void Matches_EmptySelector_MatchesNothing()
    {
        // Arrange
        var pool = TwoPorts with { Selector = ImmutableDictionary<string, string>.Empty };

        // Act / Assert
        Assert.That(pool.Matches(new Dictionary<string, string> { ["app"] = "vllm" }), Is.False);
    }

    private static Pod Pod(string name, string ready = "True") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "ns", Labels = new() { ["app"] = "vllm" } },
        Status = new PodStatus { PodIP = "10.0.0.7", Conditions = [new PodCondition { Type = "Ready", Status = ready }] },
    };
}
