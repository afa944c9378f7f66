using System.Threading.Channels;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Serve;

/// <summary>
/// Bridges one sequence from the engine's step loop to its HTTP response: tokens go into an unbounded channel (at
/// most the response's token count, so bounded by the request) and the latency histograms are observed as the
/// engine produces them, as vLLM's own metrics are.
/// </summary>
internal sealed class StreamingObserver(VllmMetrics metrics, TimeProvider time) : IEngineObserver
{
    private readonly Channel<int> _tokens = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private long _previous;

    /// <summary>Token indexes (1-based) as they are generated; completes when the sequence finished.</summary>
    public ChannelReader<int> Tokens => _tokens.Reader;

    public void OnToken(EngineSequence sequence, long timestamp)
    {
        if (sequence.Generated == 1) metrics.TimeToFirstToken.Observe(time.GetElapsedTime(sequence.ArrivedAt, timestamp).TotalSeconds);
        else metrics.InterTokenLatency.Observe(time.GetElapsedTime(_previous, timestamp).TotalSeconds);
        _previous = timestamp;
        _tokens.Writer.TryWrite(sequence.Generated);
    }

    public void OnFinished(EngineSequence sequence, long timestamp)
    {
        metrics.EndToEnd.Observe(time.GetElapsedTime(sequence.ArrivedAt, timestamp).TotalSeconds);
        _tokens.Writer.TryComplete();
    }
}
