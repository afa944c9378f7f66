namespace EppOperator.Sim.Gateway;

/// <summary>How an ext_proc exchange failed; Envoy answers a timeout with 504 and everything else with 500.</summary>
internal enum ExtProcFailureKind
{
    /// <summary>The EPP could not be reached (connection refused, TLS failure, UNAVAILABLE).</summary>
    Unavailable,

    /// <summary>No answer within the gateway's EPP timeout.</summary>
    Timeout,

    /// <summary>The stream ended with an error status or was reset.</summary>
    Stream,

    /// <summary>The EPP sent something FULL_DUPLEX_STREAMED does not allow (wrong order, a non-streamed body, a malformed mutation).</summary>
    Protocol,
}
