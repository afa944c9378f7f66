using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// How full the pool is, as one number: below 1 there is room, at or above 1 it is saturated. Admission sheds
/// sheddable requests at 1 and flow control dispatches only below it. Implementations read the endpoints' scraped
/// metrics and in-flight counters without locks; they are called on every admission and dispatch.
/// </summary>
internal interface ISaturationDetector
{
    /// <summary>The plugin instance name from the configuration (the type name when the default is used).</summary>
    string Name { get; }

    string Type { get; }

    /// <summary>Pool saturation over <paramref name="endpoints"/>; 1 when there are none (fail closed, as the reference).</summary>
    double Saturation(ReadOnlySpan<Endpoint> endpoints);

    /// <summary>
    /// What <paramref name="requests"/> dispatched requests carrying <paramref name="tokens"/> estimated tokens add to
    /// <see cref="Saturation"/> before any endpoint counts them (between flow-control dispatch and the scheduler's
    /// pick). Flow control adds this so one dispatch cycle cannot release a whole burst onto a pool the last reading
    /// called nearly idle.
    /// </summary>
    double Reservation(int endpointCount, int requests, long tokens);
}
