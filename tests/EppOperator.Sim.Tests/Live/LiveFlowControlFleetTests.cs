using System.Net;
using System.Text.RegularExpressions;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Live;
using EppOperator.Sim.Tests.Gateway.Support;

namespace EppOperator.Sim.Tests.Live;

/// <summary>
/// The <c>epp+fc</c> live policy with real processes: one <c>eppsim serve</c> pod, the <c>epp</c> started with the
/// flow-control gate and the objective manifest, and the gateway. A request naming the sheddable objective reaches
/// the EPP through the gateway and goes through its flow controller at priority −1; one naming none at priority 0.
/// </summary>
[NonParallelizable]
public partial class LiveFlowControlFleetTests
{
    private const string Model = "meta-llama/Llama-3.1-8B-Instruct";

    [Test]
    public async Task StartAsync_EppFlowControl_EppQueuesTheSheddableObjectiveAtPriorityMinusOne()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("eppsim-fc-fleet-").FullName;
        using var group = new ProcessGroup();
        var options = new LiveBenchOptions { Pods = 1, TimeScale = 0.1, StartTimeout = TimeSpan.FromSeconds(120), Sheddable = new("batch", 0.25) };
        try
        {
            var fleet = await LiveFleet.StartAsync(group, new LiveFleetSpec("fc", Model, "h100-llama3-8b", LiveBenchOptions.EppFlowControl, directory, options), _ => { }, CancellationToken.None);
            using var client = new HttpClient { BaseAddress = fleet.GatewayUrl, Timeout = TimeSpan.FromSeconds(60) };
            var body = ChatRequests.Body(model: Model);

            // Act
            using var sheddable = await client.SendAsync(ChatRequests.Post(body, (RequestHeaderNames.InferenceObjective, "batch")));
            using var standard = await client.SendAsync(ChatRequests.Post(body));
            var metrics = await client.GetStringAsync(fleet.EppMetricsUrl);

            // Assert
            Assert.That((sheddable.StatusCode, standard.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), await sheddable.Content.ReadAsStringAsync());
            Assert.That(File.Exists(Path.Combine(directory, LiveFlowControl.ManifestFileName)), Is.True);
            Assert.That(QueuedCount(metrics, "-1"), Is.EqualTo(1), metrics);
            Assert.That(QueuedCount(metrics, "0"), Is.EqualTo(1), metrics);
        }
        finally
        {
            group.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Requests of <paramref name="priority"/> the flow controller finished with (any outcome), summed over label sets.</summary>
    private static double QueuedCount(string metrics, string priority) =>
        QueueDurationCount().Matches(metrics).Where(m => m.Groups["labels"].Value.Contains($"priority=\"{priority}\"", StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^inference_extension_flow_control_request_queue_duration_seconds_count\{(?<labels>[^}]*)\} (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex QueueDurationCount();
}
