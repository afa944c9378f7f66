using EppOperator.Epp.Tests.ExtProc.Support;
using EppOperator.Epp.Tests.Metrics;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;

namespace EppOperator.Epp.Tests.ExtProc;

/// <summary>What one exchange records on the EPP meter: counts, sizes, tokens, time to first token, running requests.</summary>
[TestFixture]
public sealed class ExtProcMetricsTests
{
    private EppComponents _epp = null!;
    private MeasurementRecorder _recorder = null!;

    [SetUp]
    public void SetUp()
    {
        _epp = new EppComponents();
        _epp.SetEndpoints(ReferenceVectors.Pool);
        _recorder = new MeasurementRecorder(_epp.RequestPath.Meter);
    }

    [TearDown]
    public void TearDown()
    {
        _recorder.Dispose();
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
        var byName = _recorder.Measurements.GroupBy(r => r.Instrument).ToDictionary(g => g.Key, g => g.ToList());
        var requests = byName["inference_objective_request_total"].Single();
        Assert.That((requests.Value, requests.Labels), Is.EqualTo((1d, "model_name=m,priority=0,target_model_name=target")));
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

        var error = _recorder.Of("inference_objective_request_error_total").Single();
        Assert.That(error.Labels, Is.EqualTo("error_code=ServiceUnavailable,model_name=m,target_model_name=m"));
        Assert.That(_recorder.Of("inference_objective_running_requests"), Is.Empty, "nothing was picked");
    }
}
