using System.Diagnostics;

namespace EppOperator.Benchmarks;

/// <summary>
/// The timing loops the latency benchmarks share: a call repeated back to back, or repeated by several workers for a
/// fixed time. Allocations are the whole process's (client and server when both run here).
/// </summary>
internal static class LatencySampler
{
    /// <summary>Runs <paramref name="call"/> <paramref name="count"/> times, one after another.</summary>
    public static async Task<LatencySample> SequentialAsync(int count, Func<Task> call, CancellationToken cancellationToken)
    {
        var ticks = new long[count];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t0 = Stopwatch.GetTimestamp();
            await call();
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LatencySample(ticks, elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, 0);
    }

    /// <summary>
    /// <paramref name="workers"/> loops, each calling <c>call(worker)</c> until <paramref name="duration"/> has passed.
    /// A call that throws is counted as an error, not timed, and the loop goes on.
    /// </summary>
    public static async Task<LatencySample> ConcurrentAsync(int workers, TimeSpan duration, Func<int, Task> call, CancellationToken cancellationToken)
    {
        var errors = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var ticks = new List<long>(16_384);
            while (Stopwatch.GetElapsedTime(started) < duration && !cancellationToken.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call(w);
                    ticks.Add(Stopwatch.GetTimestamp() - t0);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return ticks;
        }, CancellationToken.None)).ToArray();
        var all = (await Task.WhenAll(loops)).SelectMany(t => t).ToArray();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LatencySample(all, elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, errors);
    }
}
