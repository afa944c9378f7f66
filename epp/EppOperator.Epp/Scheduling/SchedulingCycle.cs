using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// Everything one scheduling decision works on: the request, the candidates with the metrics and in-flight counts
/// read once at the start (so every plugin sees the same values), data from producers, and scratch buffers.
/// One instance per thread is reused, so a decision allocates nothing here once the buffers have grown.
/// </summary>
internal sealed class SchedulingCycle
{
    [ThreadStatic]
    private static SchedulingCycle? t_cached;

    private Endpoint[] _endpoints = new Endpoint[16];
    private EndpointMetrics[] _metrics = new EndpointMetrics[16];
    private long[] _inFlightRequests = new long[16];
    private long[] _inFlightTokens = new long[16];
    private long[] _metricsAgeTicks = new long[16];
    private int[] _matchedBlocks = new int[16];
    private int[] _selection = new int[16];
    private double[] _scores = new double[16];
    private double[] _totals = new double[16];
    private int[] _picked = new int[16];
    private ProfileOutcome[] _outcomes = new ProfileOutcome[4];

    private SchedulingCycle()
    {
    }

    public InferenceRequest Request { get; private set; } = null!;

    /// <summary>The decision's clock reading (from the injected <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The injected random source: tie-breaks, random pickers, exploration.</summary>
    public Random Random { get; private set; } = Random.Shared;

    public int Count { get; private set; }

    public ReadOnlySpan<Endpoint> Endpoints => _endpoints.AsSpan(0, Count);

    /// <summary>Chained block hashes of the request's prompt (set by the prefix producer; rented, see <see cref="PrefixHashCount"/>).</summary>
    public ulong[]? PrefixHashes { get; set; }

    public int PrefixHashCount { get; set; }

    /// <summary>Tokens per hashed block, for converting matched blocks into cached tokens.</summary>
    public int PrefixBlockSizeTokens { get; set; }

    /// <summary>Per candidate, how many leading prompt blocks it is believed to hold; all 0 when no producer hashed the prompt.</summary>
    public Span<int> PrefixMatchedBlocks => _matchedBlocks.AsSpan(0, Count);

    internal Span<int> Selection => _selection.AsSpan(0, Count);

    internal Span<double> Scores => _scores.AsSpan(0, Count);

    internal Span<double> Totals => _totals.AsSpan(0, Count);

    public EndpointMetrics MetricsAt(int candidate) => _metrics[candidate];

    public long InFlightRequestsAt(int candidate) => _inFlightRequests[candidate];

    public long InFlightTokensAt(int candidate) => _inFlightTokens[candidate];

    /// <summary>How old the candidate's metrics were at <see cref="Now"/> (computed once per decision).</summary>
    public TimeSpan MetricsAgeAt(int candidate) => TimeSpan.FromTicks(_metricsAgeTicks[candidate]);

    /// <summary>Matched blocks ÷ prompt blocks for a candidate; 0 when the prompt is shorter than a block.</summary>
    public double PrefixMatchRatioAt(int candidate) =>
        PrefixHashCount == 0 ? 0 : (double)_matchedBlocks[candidate] / PrefixHashCount;

    internal static SchedulingCycle Rent(InferenceRequest request, ReadOnlySpan<Endpoint> candidates, DateTimeOffset now, Random random)
    {
        var cycle = t_cached ?? new SchedulingCycle();
        t_cached = null;
        cycle.Initialize(request, candidates, now, random);
        return cycle;
    }

    internal void Return()
    {
        // Drop references so a parked cycle keeps no request or endpoint alive.
        Array.Clear(_endpoints, 0, Count);
        Array.Clear(_metrics, 0, Count);
        Request = null!;
        PrefixHashes = null;
        Count = 0;
        t_cached = this;
    }

    /// <summary>Room for the picks of every profile (their <c>maxNumOfEndpoints</c> summed).</summary>
    internal Span<int> PickBuffer(int size)
    {
        if (_picked.Length < size) _picked = new int[size];
        return _picked;
    }

    internal Span<ProfileOutcome> Outcomes(int profiles)
    {
        if (_outcomes.Length < profiles) _outcomes = new ProfileOutcome[profiles];
        var outcomes = _outcomes.AsSpan(0, profiles);
        outcomes.Clear();
        return outcomes;
    }

    private void Initialize(InferenceRequest request, ReadOnlySpan<Endpoint> candidates, DateTimeOffset now, Random random)
    {
        Request = request;
        Now = now;
        Random = random;
        Count = candidates.Length;
        PrefixHashes = null;
        PrefixHashCount = 0;
        PrefixBlockSizeTokens = 0;
        if (_endpoints.Length < candidates.Length)
        {
            var size = candidates.Length;
            _endpoints = new Endpoint[size];
            _metrics = new EndpointMetrics[size];
            _inFlightRequests = new long[size];
            _inFlightTokens = new long[size];
            _metricsAgeTicks = new long[size];
            _matchedBlocks = new int[size];
            _selection = new int[size];
            _scores = new double[size];
            _totals = new double[size];
        }

        var nowTicks = now.UtcTicks;
        for (var i = 0; i < candidates.Length; i++)
        {
            var endpoint = candidates[i];
            var metrics = endpoint.Metrics;
            _endpoints[i] = endpoint;
            _metrics[i] = metrics;
            _inFlightRequests[i] = endpoint.InFlightRequests;
            _inFlightTokens[i] = endpoint.InFlightTokens;
            _metricsAgeTicks[i] = nowTicks - metrics.UpdatedAt.UtcTicks;
        }

        _matchedBlocks.AsSpan(0, candidates.Length).Clear();
    }
}
