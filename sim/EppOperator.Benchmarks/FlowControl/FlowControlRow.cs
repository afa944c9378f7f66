using System.Globalization;
using System.Text.Json.Serialization;
using EppOperator.Sim.Bench;

namespace EppOperator.Benchmarks.FlowControl;

/// <summary>One policy at one sheddable share: what priority ≥ 0 and sheddable traffic saw, against round-robin.</summary>
internal sealed record FlowControlRow(
    [property: JsonPropertyName("sheddable_share")] double SheddableShare,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("p95_ttft_ms")] double P95TtftMs,
    [property: JsonPropertyName("p95_vs_round_robin")] double P95VsRoundRobin,
    [property: JsonPropertyName("p50_ttft_ms")] double P50TtftMs,
    [property: JsonPropertyName("sheddable_p95_ttft_ms")] double SheddableP95TtftMs,
    [property: JsonPropertyName("sheddable_refused")] double SheddableRefused,
    [property: JsonPropertyName("output_tokens_per_s")] double OutputTokensPerS,
    [property: JsonPropertyName("throughput_vs_round_robin")] double ThroughputVsRoundRobin,
    [property: JsonPropertyName("errors")] int Errors)
{
    public static FlowControlRow From(string policy, double share, RunOutcome outcome, RunOutcome roundRobin)
    {
        var high = outcome.Classes[0].Result;
        var sheddable = outcome.Classes[1];
        var baseline = roundRobin.Classes[0].Result;
        return new FlowControlRow(
            Math.Round(share, 4),
            policy,
            high.TtftMs.P95,
            Math.Round(high.TtftMs.P95 / baseline.TtftMs.P95 - 1, 4),
            high.TtftMs.P50,
            sheddable.Result.TtftMs.P95,
            Math.Round(sheddable.RefusedFraction, 4),
            outcome.Result.OutputTokensPerS,
            Math.Round(outcome.Result.OutputTokensPerS / roundRobin.Result.OutputTokensPerS - 1, 4),
            outcome.Result.Errors);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sheddable {SheddableShare:P0} {Policy,-11} P95 TTFT p>=0 {P95TtftMs,7:0.0} ms ({P95VsRoundRobin:+0.0%;-0.0%}) sheddable refused {SheddableRefused:P1} output {OutputTokensPerS:0} tok/s ({ThroughputVsRoundRobin:+0.0%;-0.0%;0.0%})");
}
