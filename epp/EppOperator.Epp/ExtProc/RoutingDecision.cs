using EppOperator.Epp.Metrics;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Epp.ExtProc;

/// <summary>A routed request: the pick, the body to forward and what the response path needs to know.</summary>
internal sealed class RoutingDecision
{
    public required InferenceRequest Request { get; init; }

    public required SchedulingResult Result { get; init; }

    /// <summary><c>ip:port[,ip:port...]</c>: the pick then its fallbacks, as header and metadata value.</summary>
    public required string Destination { get; init; }

    /// <summary>The body to forward (the received bytes unless the model was rewritten).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public bool BodyChanged { get; init; }

    /// <summary>Set when the model was rewritten, to put the client's name back into the response.</summary>
    public ModelNameRestorer? Restorer { get; init; }

    /// <summary>The request's metric labels, bounded once when it was counted.</summary>
    public required ModelLabels Labels { get; init; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the request headers arrived.</summary>
    public long ReceivedTimestamp { get; init; }
}
