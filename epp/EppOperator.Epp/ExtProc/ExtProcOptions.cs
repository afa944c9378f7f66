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
    /// Gateway API Inference Extension conformance suite needs. A client can only narrow the pick to endpoints
    /// of this pool with it, never name another host.
    /// </summary>
    public bool ConformanceHooks { get; init; } = true;

    /// <summary>Ignore the proxy's subset hint (GAIE <c>--disable-endpoint-subset-filter</c>).</summary>
    public bool DisableEndpointSubsetFilter { get; init; }
}
