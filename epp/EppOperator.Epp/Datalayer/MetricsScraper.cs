using System.Net.Security;
using EppOperator.Epp.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Keeps every endpoint's <see cref="Endpoint.Metrics"/> current by scraping its model server's Prometheus page.
/// One loop ticks at <see cref="MetricsScraperOptions.RefreshInterval"/> and starts an asynchronous scrape for each
/// endpoint that has none in flight, so a hung server costs one pending request, not a thread, and never delays
/// the others. Connections are kept alive per endpoint; each scrape has its own timeout.
/// </summary>
/// <remarks>
/// <para>The endpoint set is re-read from <see cref="EndpointDatastore.Current"/> whenever its version changes, so
/// endpoints come and go at runtime while the others keep their connections and state.</para>
/// <para>A failing endpoint is not refreshed, so its <see cref="EndpointMetrics.UpdatedAt"/> ages and it turns stale
/// after <see cref="MetricsScraperOptions.StalenessThreshold"/> (GAIE instead keeps routing on the last values
/// forever); its next good scrape makes it fresh again. Staleness is a function of time, not of the scraper, so it
/// holds even if this loop stops.</para>
/// </remarks>
internal sealed class MetricsScraper : BackgroundService
{
    private const string AcceptHeader = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

    private readonly EndpointDatastore _datastore;
    private readonly EngineMetricMappings _mappings;
    private readonly MetricsScraperOptions _options;
    private readonly ScrapeHealthMetrics _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly HttpMessageInvoker _invoker;
    private Dictionary<Endpoint, EndpointScrapeState> _byEndpoint = new(ReferenceEqualityComparer.Instance);
    private EndpointScrapeState[] _states = [];
    private long _version = -1;

    public MetricsScraper(
        EndpointDatastore datastore,
        EngineMetricMappings mappings,
        MetricsScraperOptions options,
        ScrapeHealthMetrics health,
        TimeProvider timeProvider,
        ILogger<MetricsScraper> logger,
        HttpMessageHandler? handler = null)
    {
        if (options.Validate() is { } error) throw new ArgumentException(error, nameof(options));
        _datastore = datastore;
        _mappings = mappings;
        _options = options;
        _health = health;
        _timeProvider = timeProvider;
        _logger = logger;
        _invoker = new HttpMessageInvoker(handler ?? CreateHandler(options), disposeHandler: true);
    }

    public override void Dispose()
    {
        foreach (var state in _states) state.Dispose();
        _invoker.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DatalayerLog.ScraperStarted(_logger, _options.RefreshInterval, _options.Timeout, _options.StalenessThreshold);
        using var timer = new PeriodicTimer(_options.RefreshInterval, _timeProvider);
        try
        {
            var tickFailed = false;
            do
            {
                // A fault barrier: a bug here must not stop the loop, or every endpoint would go stale together.
                try
                {
                    Tick(stoppingToken);
                    tickFailed = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (!tickFailed) DatalayerLog.ScrapeLoopFailed(_logger, ex);
                    tickFailed = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Stopping cancels each attempt's token through the removal path; wait so no scrape outlives the service.
            foreach (var state in _states) state.MarkRemoved();
            await Task.WhenAll(_states.Select(s => s.Current ?? Task.CompletedTask)).ConfigureAwait(false);
        }
    }

    private void Tick(CancellationToken stoppingToken)
    {
        var snapshot = _datastore.Current;
        if (snapshot.Version != _version) Reconcile(snapshot);

        var now = _timeProvider.GetUtcNow();
        foreach (var state in _states)
        {
            ReportStaleness(state, now);
            if (state.Current is null || state.Current.IsCompleted) state.Current = ScrapeAsync(state, stoppingToken);
        }
    }

    private void Reconcile(EndpointSnapshot snapshot)
    {
        var now = _timeProvider.GetUtcNow();
        var next = new Dictionary<Endpoint, EndpointScrapeState>(snapshot.Count, ReferenceEqualityComparer.Instance);
        foreach (var endpoint in snapshot.Endpoints)
        {
            next[endpoint] = _byEndpoint.Remove(endpoint, out var existing) ? existing : CreateState(endpoint, now);
        }

        foreach (var removed in _byEndpoint.Values)
        {
            // Cancels its scrape in flight, which then ends without touching the endpoint.
            removed.Dispose();
            DatalayerLog.EndpointRemoved(_logger, removed.Endpoint.Name);
        }

        _byEndpoint = next;
        _states = [.. next.Values];
        _version = snapshot.Version;
    }

    private EndpointScrapeState CreateState(Endpoint endpoint, DateTimeOffset now)
    {
        if (!_mappings.TryResolve(endpoint.Spec.EngineType, out var mapping))
        {
            DatalayerLog.UnknownEngineType(_logger, endpoint.Name, endpoint.Spec.EngineType, mapping.Engine);
        }

        var uri = new Uri($"{_options.Scheme}://{Endpoint.FormatHostPort(endpoint.Address, endpoint.Spec.MetricsPort)}{_options.Path}");
        DatalayerLog.EndpointAdded(_logger, endpoint.Name, uri, mapping.Engine);
        return new EndpointScrapeState(endpoint, uri, new MetricsExtractor(mapping), now);
    }

    private async Task ScrapeAsync(EndpointScrapeState state, CancellationToken stoppingToken)
    {
        var started = _timeProvider.GetTimestamp();
        var failure = ScrapeFailure.None;
        var detail = "";
        var malformed = 0;
        var token = state.BeginAttempt(_options.Timeout, _timeProvider);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, state.Uri);
            request.Headers.TryAddWithoutValidation("Accept", AcceptHeader);
            using var response = await _invoker.SendAsync(request, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                failure = ScrapeFailure.HttpStatus;
                detail = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                var length = await state.ReadBodyAsync(response.Content, _options.MaxResponseBytes, token).ConfigureAwait(false);
                if (length < 0)
                {
                    failure = ScrapeFailure.TooLarge;
                    detail = $"over {_options.MaxResponseBytes} bytes";
                }
                else
                {
                    var extraction = state.Extractor.Extract(state.Body(length), state.Endpoint.Metrics, _timeProvider.GetUtcNow());
                    malformed = extraction.Stats.MalformedLines;
                    if (extraction.Metrics is null)
                    {
                        failure = ScrapeFailure.MissingMetrics;
                        detail = $"no {state.Extractor.Mapping.Engine} metrics in {length} bytes";
                    }
                    else if (!state.IsRemoved)
                    {
                        state.Endpoint.Metrics = extraction.Metrics;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || state.IsRemoved)
        {
            return;
        }
        catch (OperationCanceledException)
        {
            failure = ScrapeFailure.Timeout;
            detail = $"no answer within {_options.Timeout}";
        }
        catch (HttpRequestException ex)
        {
            failure = ScrapeFailure.Connection;
            detail = ex.HttpRequestError.ToString();
        }
        catch (IOException ex)
        {
            failure = ScrapeFailure.Connection;
            detail = ex.Message;
        }
        catch (Exception ex)
        {
            failure = ScrapeFailure.Internal;
            if (state.LastFailure != ScrapeFailure.Internal) DatalayerLog.ScrapeFailedUnexpectedly(_logger, state.Endpoint.Name, ex);
        }

        _health.Record(failure, _timeProvider.GetElapsedTime(started), malformed);
        RecordOutcome(state, failure, detail, malformed);
    }

    private void RecordOutcome(EndpointScrapeState state, ScrapeFailure failure, string detail, int malformed)
    {
        if (failure == ScrapeFailure.None)
        {
            if (state.ConsecutiveFailures > 0) DatalayerLog.ScrapeRecovered(_logger, state.Endpoint.Name, state.ConsecutiveFailures);
            if (malformed > 0 && state.LastMalformedLines == 0) DatalayerLog.MalformedLines(_logger, state.Endpoint.Name, malformed);
            state.ConsecutiveFailures = 0;
            state.LastFailure = ScrapeFailure.None;
            state.LastMalformedLines = malformed;
            return;
        }

        if (failure != state.LastFailure && failure != ScrapeFailure.Internal) DatalayerLog.ScrapeFailed(_logger, state.Endpoint.Name, failure, detail);
        state.ConsecutiveFailures++;
        state.LastFailure = failure;
    }

    private void ReportStaleness(EndpointScrapeState state, DateTimeOffset now)
    {
        var metrics = state.Endpoint.Metrics;
        var stale = metrics.IsStale(now, _options.StalenessThreshold);
        if (stale == state.ReportedStale) return;

        if (!stale)
        {
            state.ReportedStale = false;
            DatalayerLog.EndpointFresh(_logger, state.Endpoint.Name);
        }
        else if (now - state.AddedAt > _options.StalenessThreshold)
        {
            // A new endpoint has had no chance yet; it counts as stale for routing but is only reported once overdue.
            state.ReportedStale = true;
            DatalayerLog.EndpointStale(_logger, state.Endpoint.Name, metrics.UpdatedAt, state.LastFailure);
        }
    }

    private static SocketsHttpHandler CreateHandler(MetricsScraperOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Pod IPs are dialled directly: an HTTP(S)_PROXY in the environment must not capture them.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            MaxConnectionsPerServer = 2,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            MaxResponseHeadersLength = 64,
            // No trace-context headers on thousands of scrapes a second.
            ActivityHeadersPropagator = null,
        };
        if (options.Scheme == "https" && options.InsecureSkipVerify)
        {
#pragma warning disable CA5359 // GAIE's default: model servers serve self-signed or no verifiable certificates.
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
#pragma warning restore CA5359
        }

        return handler;
    }
}
