namespace EppOperator.Epp.ExtProc;

/// <summary>Where the request half of an ext_proc exchange stands.</summary>
internal enum RequestPhase
{
    AwaitingHeaders,

    /// <summary>Headers stored; body chunks are being buffered until end of stream.</summary>
    ReadingBody,

    /// <summary>The pick was sent; request body chunks may still pass through (STREAMED mode).</summary>
    Routed,

    /// <summary>An ImmediateResponse was sent; the proxy ends the exchange, later messages are ignored.</summary>
    Rejected,
}
