namespace EppOperator.Testing.Kubernetes;

/// <summary>Request-level failures a test asks for (e.g. three 503s on leases), consumed in arrival order.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private int _remaining;
    private int _statusCode;
    private Func<RecordedRequest, bool>? _filter;

    public void FailRequests(int count, int statusCode, Func<RecordedRequest, bool>? filter)
    {
        lock (_lock)
        {
            _remaining = count;
            _statusCode = statusCode;
            _filter = filter;
        }
    }

    public ApiError? TakeFailure(RecordedRequest request)
    {
        lock (_lock)
        {
            if (_remaining <= 0 || !(_filter?.Invoke(request) ?? true)) return null;
            _remaining--;
            var reason = _statusCode switch
            {
                429 => "TooManyRequests",
                500 => "InternalError",
                503 => "ServiceUnavailable",
                504 => "Timeout",
                _ => "InternalError",
            };
            return new ApiError(_statusCode, reason, $"injected failure ({_statusCode}) for {request.Method} {request.Path}");
        }
    }
}
