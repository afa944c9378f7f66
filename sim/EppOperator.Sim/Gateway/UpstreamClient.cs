using System.Net;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// Sends requests to the pool's endpoints over pooled HTTP/1.1 connections, walking the destination list on
/// connection failure and then the round-robin fallback (override_host semantics), up to the attempt limit.
/// Only pool endpoints are ever contacted. A failure after the connection was made is not retried: the request
/// may have reached the model server.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly EndpointPool _pool;
    private readonly int _maxAttempts;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    public UpstreamClient(GatewayOptions options, GatewayMetrics metrics, ILogger logger)
    {
        _pool = options.Pool;
        _maxAttempts = options.MaxAttempts;
        _metrics = metrics;
        _logger = logger;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectTimeout = options.UpstreamConnectTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        });
    }

    /// <summary>
    /// Tries <paramref name="preferred"/> in order, then round-robin picks, until one endpoint answers with headers.
    /// <paramref name="build"/> makes the request for an endpoint (a request message can only be sent once).
    /// </summary>
    public async Task<UpstreamResult> SendAsync(IReadOnlyList<string> preferred, Func<string, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var tried = new List<string>(_maxAttempts);
        string? lastError = null;
        for (var attempt = 0; attempt < _maxAttempts; attempt++)
        {
            var endpoint = preferred.FirstOrDefault(e => !tried.Contains(e)) ?? _pool.NextRoundRobin(tried);
            if (endpoint is null) break;
            tried.Add(endpoint);
            using var request = build(endpoint);
            try
            {
                var response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return new UpstreamResult(response, endpoint, null);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                lastError = "connection failure";
                Failed(endpoint, ex.Message);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // SocketsHttpHandler's connect timeout.
                lastError = "connection timeout";
                Failed(endpoint, ex.Message);
            }
            catch (HttpRequestException ex)
            {
                return new UpstreamResult(null, endpoint, "reset before headers: " + ex.Message);
            }
        }

        return new UpstreamResult(null, null, lastError ?? "no healthy upstream");
    }

    public void Dispose() => _invoker.Dispose();

    private void Failed(string endpoint, string reason)
    {
        _metrics.RecordConnectFailure(endpoint);
        GatewayLog.ConnectFailed(_logger, endpoint, reason);
    }
}
