namespace EppOperator.Kube.Informers;

/// <summary>
/// Reconnect delays: <c>initial × 2^attempt</c> capped at <c>max</c>, plus up to <c>jitter</c> drawn from an
/// injected random source, so many clients reconnecting after an outage do not arrive together.
/// </summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max, TimeSpan jitter, Random random)
{
    public TimeSpan Delay(int attempt)
    {
        var exponent = Math.Min(attempt, 30);
        var baseDelay = TimeSpan.FromTicks((long)Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, exponent)));
        return baseDelay + TimeSpan.FromTicks((long)(jitter.Ticks * random.NextDouble()));
    }
}
