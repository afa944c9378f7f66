using System.Collections.Concurrent;
using EppOperator.Epp.Grpc;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>What the server side of a tagged call observed, so tests can assert on the server and not only the client.</summary>
internal sealed class CallProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CallObservation>> _ended = new(StringComparer.Ordinal);

    /// <summary>Records that the handler of <paramref name="tag"/> saw its call token cancelled.</summary>
    public void Cancelled(string? tag, ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(tag))
        {
            Slot(tag).TrySetResult(new CallObservation(Cancelled: true, context.Deadline));
        }
    }

    /// <summary>Waits for the server to observe the end of a tagged call; null if it did not within <paramref name="timeout"/>.</summary>
    public async Task<CallObservation?> WaitAsync(string tag, TimeSpan timeout)
    {
        try
        {
            return await Slot(tag).Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private TaskCompletionSource<CallObservation> Slot(string tag) =>
        _ended.GetOrAdd(tag, _ => new TaskCompletionSource<CallObservation>(TaskCreationOptions.RunContinuationsAsynchronously));
}
