namespace EppOperator.Epp.Datalayer;

/// <summary>
/// The scraper's bookkeeping for one endpoint: its URL, extractor, reusable response buffer and timeout source,
/// the scrape in flight, and the failure/staleness state that decides when to log.
/// </summary>
internal sealed class EndpointScrapeState(Endpoint endpoint, Uri uri, MetricsExtractor extractor, DateTimeOffset addedAt) : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly Lock _lock = new();
    private CancellationTokenSource? _cts;
    private byte[] _buffer = [];
    private bool _removed;

    public Endpoint Endpoint { get; } = endpoint;

    public Uri Uri { get; } = uri;

    public MetricsExtractor Extractor { get; } = extractor;

    public DateTimeOffset AddedAt { get; } = addedAt;

    /// <summary>The scrape in flight, if any; a new one starts only after it completes.</summary>
    public Task? Current { get; set; }

    public int ConsecutiveFailures { get; set; }

    public ScrapeFailure LastFailure { get; set; }

    public int LastMalformedLines { get; set; }

    public bool ReportedStale { get; set; }

    public bool IsRemoved => Volatile.Read(ref _removed);

    public ReadOnlySpan<byte> Body(int length) => _buffer.AsSpan(0, length);

    /// <summary>A token that fires after <paramref name="timeout"/>, or when the endpoint is removed or disposed.</summary>
    public CancellationToken BeginAttempt(TimeSpan timeout, TimeProvider timeProvider)
    {
        lock (_lock)
        {
            if (_removed) return new CancellationToken(canceled: true);
            if (_cts is null || !_cts.TryReset())
            {
                _cts?.Dispose();
                _cts = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, timeProvider);
            }

            _cts.CancelAfter(timeout);
            return _cts.Token;
        }
    }

    /// <summary>Reads the response body into the reusable buffer; -1 when it exceeds <paramref name="maxBytes"/>.</summary>
    public async ValueTask<int> ReadBodyAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxBytes) return -1;

        // One byte of headroom past the body lets the read that sees the end fit without growing the buffer.
        EnsureCapacity((int)Math.Min(Math.Max((declared ?? InitialBufferSize) + 1, InitialBufferSize), maxBytes + 1L));
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var length = 0;
            while (true)
            {
                if (length == _buffer.Length) EnsureCapacity((int)Math.Min(_buffer.Length * 2L, maxBytes + 1L));
                var read = await stream.ReadAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) return length;
                length += read;
                if (length > maxBytes) return -1;
            }
        }
    }

    /// <summary>Stops the scrape in flight; called when the endpoint leaves the datastore.</summary>
    public void MarkRemoved()
    {
        lock (_lock)
        {
            _removed = true;
            _cts?.Cancel();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _removed = true;
            _cts?.Cancel();
            _cts?.Dispose();
            _cts = null;
        }
    }

    private void EnsureCapacity(int size)
    {
        if (_buffer.Length >= size) return;
        var grown = new byte[size];
        _buffer.CopyTo(grown, 0);
        _buffer = grown;
    }
}
