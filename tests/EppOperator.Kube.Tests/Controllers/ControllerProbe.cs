using System.Collections.Concurrent;
using System.Diagnostics;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Apps;

namespace EppOperator.Kube.Tests.Controllers;

/// <summary>What the test controller and finalizer did, and what they should do next (set per test).</summary>
internal sealed class ControllerProbe
{
    public string Instance { get; init; } = "main";

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<(string Instance, long At)> Reconciles { get; } = new();

    public Func<Deployment, CancellationToken, Task<ReconcileResult>>? OnReconcile { get; set; }

    public Func<Deployment, CancellationToken, Task>? OnFinalize { get; set; }

    public Func<Deployment, CancellationToken, Task>? OnDeleted { get; set; }

    public int Count(string prefix) => Calls.Count(c => c.StartsWith(prefix, StringComparison.Ordinal));

    internal void Record(string call)
    {
        Calls.Enqueue(call);
        if (call.StartsWith("reconcile", StringComparison.Ordinal)) Reconciles.Enqueue((Instance, Stopwatch.GetTimestamp()));
    }
}
