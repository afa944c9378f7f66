using EppOperator.Operator.Configuration;
using EppOperator.Operator.Tests.Support;

namespace EppOperator.Operator.Tests.Reconcile;

/// <summary>The operator process's health and metrics endpoints, and the Events it records.</summary>
[NonParallelizable]
public class HostEndpointsTests
{
    [Test]
    public async Task RunningOperator_ServesHealthReadinessMetricsAndRecordsEvents()
    {
        if (Kubectl.Path is null) Assert.Ignore("kubectl is not installed");
        // Arrange
        await using var fixture = await OperatorFixture.StartAsync();
        var host = await fixture.StartOperatorAsync(fixture.Options(new OperatorSettings { DefaultDataPlane = DataPlane.Envoy }));
        using var http = new HttpClient();

        // Act
        await fixture.ApplyExampleAsync("inferencepool-v1.yaml");
        await Poll.UntilAsync(() => fixture.Server.Get("apps/v1", "Deployment", "default", "vllm-llama3-envoy") is not null, "reconciled");
        var healthz = await http.GetAsync(new Uri($"http://127.0.0.1:{host.HealthPort}/healthz"));
        var readyz = await http.GetAsync(new Uri($"http://127.0.0.1:{host.HealthPort}/readyz"));
        var metrics = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!metrics.Contains("kind=\"Deployment\"} 2", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{host.MetricsPort}/metrics"));
        }

        // Assert
        Assert.That((int)healthz.StatusCode, Is.EqualTo(200));
        Assert.That((int)readyz.StatusCode, Is.EqualTo(200));
        Assert.That(metrics, Does.Contain("epp_operator_child_changes_total{change=\"created\",kind=\"Deployment\"} 2"));
        Assert.That(metrics, Does.Contain("epp_operator_pools_served 1"));
        var events = fixture.Server.List("v1", "Event", "default").Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == "vllm-llama3").ToList();
        Assert.That(events.Select(e => e["reason"]!.GetValue<string>()), Is.SupersetOf(new[] { "Created", "Accepted", "ResolvedRefs" }));
        Assert.That(events.Select(e => e["message"]!.GetValue<string>()), Has.Some.EqualTo("Created Deployment default/vllm-llama3-epp"));
    }
}
