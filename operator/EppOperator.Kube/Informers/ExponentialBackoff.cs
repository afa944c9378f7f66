namespace EppOperator.Kube.Informers;

/// <summary>
/// Reconnect delays: <c>initial × 2^attempt</c> capped at <c>max</c>, plus up to <c>jitter</c> drawn from an
/// injected random source, so many clients reconnecting after an outage do not arrive together.
/// </summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max, TimeSpan jitter, Random random)
{
    public TimeSpan Delay(int attempt) =>
        Capped(initial, max, attempt) + TimeSpan.FromTicks((long)(jitter.Ticks * random.NextDouble()));

    /// <summary><c>initial × 2^attempt</c> capped at <c>max</c>, without jitter.</summary>
    public static TimeSpan Capped(TimeSpan initial, TimeSpan max, int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, Math.Min(attempt, 40))));
}
