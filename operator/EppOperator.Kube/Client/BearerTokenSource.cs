using EppOperator.Kube.Config;

namespace EppOperator.Kube.Client;

/// <summary>
/// Supplies the bearer token: a fixed one, or a file re-read every refresh interval because projected
/// service-account tokens rotate (client-go <c>TokenFileAuth</c> re-reads each minute). A failed re-read
/// keeps the last good token.
/// </summary>
internal sealed class BearerTokenSource
{
    private readonly string? _fixedToken;
    private readonly string? _tokenFile;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private string? _cachedToken;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public BearerTokenSource(KubeClientConfig config, TimeSpan refreshInterval, TimeProvider timeProvider)
    {
        _fixedToken = config.BearerToken;
        _tokenFile = config.BearerTokenFile;
        _refreshInterval = refreshInterval;
        _timeProvider = timeProvider;
    }

    public string? GetToken()
    {
        if (!string.IsNullOrEmpty(_fixedToken)) return _fixedToken;
        if (_tokenFile is null) return null;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (_cachedToken is null || now - _readAt >= _refreshInterval)
            {
                try
                {
                    _cachedToken = File.ReadAllText(_tokenFile).Trim();
                    _readAt = now;
                }
                catch (IOException) when (_cachedToken is not null)
                {
                    // Keep the previous token: the kubelet replaces the file atomically, a miss is transient.
                }
                catch (UnauthorizedAccessException) when (_cachedToken is not null)
                {
                }
            }

            return _cachedToken;
        }
    }
}
