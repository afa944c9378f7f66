using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EppOperator.Epp.Tests.ExtProc.Support;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>What one exchange records on the EPP meter: counts, sizes, tokens, time to first token, running requests.</summary>
[TestFixture]
public sealed class ExtProcMetricsTests
{
    private EppComponents _epp = null!;
    private MeterListener _listener = null!;
    private ConcurrentQueue<(string Name, double Value, string Labels)> _recorded = null!;

    [SetUp]
    public void SetUp()
    {
        _epp = new EppComponents();
        _epp.SetEndpoints(ReferenceVectors.Pool);
        _recorded = new();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _epp.RequestPath.Meter.Meter)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    [TearDown]
    public void TearDown()
    {
        _listener.Dispose();
        _epp.Dispose();
    }

    [Test]
    public async Task Process_StreamedExchange_RecordsReferenceFamilies()
    {
        // Arrange
        await using var target = new InProcessExtProcTarget(_epp.Service);
        await using var exchange = await target.OpenAsync();

        // Act
        await exchange.SendAsync(ChatHeaders(("x-gateway-model-name-rewrite", "target")));
        await exchange.SendAsync(RequestBody("""{"model":"m","messages":[],"stream":true}""", endOfStream: true));
        await exchange.ReadAsync();
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseHeaders(("content-type", "text/event-stream")));
        await exchange.ReadAsync();
        await exchange.SendAsync(ResponseBody("data: {\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":8}}}\n\n", endOfStream: true));
        await exchange.ReadAsync();
        await _epp.Hook.WaitForCompletionsAsync(1);

        // Assert
        var byName = _recorded.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.ToList());
        Assert.That(byName["inference_objective_request_total"].Single(), Is.EqualTo(("inference_objective_request_total", 1d, "model_name=m,priority=0,target_model_name=target")));
        Assert.That(byName["inference_objective_request_sizes"].Single().Value, Is.EqualTo(41));
        Assert.That(byName["inference_objective_request_ttft_seconds"], Has.Count.EqualTo(1));
        Assert.That(byName["inference_objective_request_duration_seconds"].Single().Value, Is.GreaterThanOrEqualTo(byName["inference_objective_request_ttft_seconds"].Single().Value));
        Assert.That(byName["inference_objective_input_tokens"].Single().Value, Is.EqualTo(12));
        Assert.That(byName["inference_objective_output_tokens"].Single().Value, Is.EqualTo(3));
        Assert.That(byName["inference_objective_prompt_cached_tokens"].Single().Value, Is.EqualTo(8));
        Assert.That(byName["inference_objective_running_requests"].Select(r => r.Value), Is.EqualTo(new[] { 1d, -1d }));
        Assert.That(byName, Does.Not.ContainKey("inference_objective_request_error_total"));
    }

    [Test]
    public async Task Process_Rejected_CountsErrorByCode()
    {
        await using var target = new InProcessExtProcTarget(_epp.Service);
        await using var exchange = await target.OpenAsync();

        await exchange.SendAsync(CompletionsHeaders().WithSubset("10.9.9.9:1"));
        await exchange.SendAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true));
        await exchange.ReadAsync();

        var error = _recorded.Single(r => r.Name == "inference_objective_request_error_total");
        Assert.That(error.Labels, Is.EqualTo("error_code=ServiceUnavailable,model_name=m,target_model_name=m"));
        Assert.That(_recorded.Where(r => r.Name == "inference_objective_running_requests"), Is.Empty, "nothing was picked");
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new List<string>();
        foreach (var tag in tags) labels.Add($"{tag.Key}={tag.Value}");
        labels.Sort(StringComparer.Ordinal);
        _recorded.Enqueue((instrument.Name, value, string.Join(',', labels)));
    }
}
