using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// <c>concurrency-detector</c>: saturation from this EPP's own in-flight accounting (no scrape involved, so it reacts
/// at once but cannot see load other clients put on the servers): Σ in-flight ÷ (endpoints × limit), counting
/// requests (limit <see cref="MaxConcurrency"/>, default 100) or estimated tokens (limit
/// <see cref="MaxTokenConcurrency"/>, default 1,000,000).
/// </summary>
internal sealed class ConcurrencyDetector : ISaturationDetector
{
    public const string TypeName = "concurrency-detector";
    public const int DefaultMaxConcurrency = 100;
    public const long DefaultMaxTokenConcurrency = 1_000_000;

    public ConcurrencyDetector(string name, ConcurrencyMode mode = ConcurrencyMode.Requests, int maxConcurrency = DefaultMaxConcurrency, long maxTokenConcurrency = DefaultMaxTokenConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokenConcurrency, 1);
        Name = name;
        Mode = mode;
        MaxConcurrency = maxConcurrency;
        MaxTokenConcurrency = maxTokenConcurrency;
    }

    public string Name { get; }

    public string Type => TypeName;

    public ConcurrencyMode Mode { get; }

    public int MaxConcurrency { get; }

    public long MaxTokenConcurrency { get; }

    private double Capacity => Mode == ConcurrencyMode.Requests ? MaxConcurrency : MaxTokenConcurrency;

    public double Saturation(ReadOnlySpan<Endpoint> endpoints)
    {
        if (endpoints.IsEmpty) return 1;
        long total = 0;
        foreach (var endpoint in endpoints) total += Mode == ConcurrencyMode.Requests ? endpoint.InFlightRequests : endpoint.InFlightTokens;
        return Math.Max(0, total) / (Capacity * endpoints.Length);
    }

    public double Reservation(int endpointCount, int requests, long tokens) =>
        endpointCount == 0 ? 0 : (Mode == ConcurrencyMode.Requests ? requests : tokens) / (Capacity * endpointCount);
}
