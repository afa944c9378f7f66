namespace EppOperator.Epp.ExtProc;

/// <summary>Limits and switches of the ext_proc request path.</summary>
internal sealed record ExtProcOptions
{
    public const int DefaultMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Largest request body buffered for parsing; larger requests get 413.</summary>
    public int MaxRequestBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Largest non-streamed response body held to read its usage and restore the model name; past it the
    /// response is passed through as it arrives (usage is then unknown).
    /// </summary>
    public int MaxResponseBufferBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Honour <c>test-epp-endpoint-selection</c> and report <c>x-conformance-test-served-endpoint</c>, which the
    /// Gateway API Inference Extension conformance suite needs. Off by default: with it on, any client picks the
    /// pool member that serves its request (it can only narrow the pick to this pool, never name another host),
    /// which defeats load-aware routing and breaks the rule never to trust client-supplied routing headers.
    /// </summary>
    public bool ConformanceHooks { get; init; }

    /// <summary>Ignore the proxy's subset hint (GAIE <c>--disable-endpoint-subset-filter</c>).</summary>
    public bool DisableEndpointSubsetFilter { get; init; }
}
