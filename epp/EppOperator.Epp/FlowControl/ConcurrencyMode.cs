namespace EppOperator.Epp.FlowControl;

/// <summary>What <see cref="ConcurrencyDetector"/> counts per endpoint.</summary>
internal enum ConcurrencyMode
{
    /// <summary>Requests in flight (<c>concurrencyMode: requests</c>).</summary>
    Requests,

    /// <summary>Estimated tokens in flight (<c>concurrencyMode: tokens</c>).</summary>
    Tokens,
}
