using System.Collections.Concurrent;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>Records the lifecycle calls the request path makes, to check each picked request completes once.</summary>
internal sealed class RecordingLifecycleHook : IRequestLifecycleHook
{
    public ConcurrentQueue<(string RequestId, string Endpoint)> Picked { get; } = new();

    public ConcurrentQueue<(string RequestId, int Status)> Received { get; } = new();

    public ConcurrentQueue<(string RequestId, ResponseUsage Usage, bool Completed)> Completed { get; } = new();

    public void OnPicked(InferenceRequest request, SchedulingResult result) => Picked.Enqueue((request.RequestId, result.Primary!.HostPort));

    public void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode) => Received.Enqueue((request.RequestId, statusCode));

    public void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed) =>
        Completed.Enqueue((request.RequestId, usage, completed));

    /// <summary>Waits (polling) until <paramref name="count"/> completions were recorded.</summary>
    public async Task WaitForCompletionsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Completed.Count < count && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.That(Completed, Has.Count.GreaterThanOrEqualTo(count), "lifecycle completions");
    }

    public void Clear()
    {
        Picked.Clear();
        Received.Clear();
        Completed.Clear();
    }
}
