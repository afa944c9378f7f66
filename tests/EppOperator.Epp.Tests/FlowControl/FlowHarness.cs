using System.Collections.Immutable;
using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Metrics;
using EppOperator.Testing.Kubernetes;

namespace EppOperator.Epp.Tests.FlowControl;

/// <summary>
/// A flow controller over a small pool with a manual clock, playing the request path around it: a dispatched request
/// is counted in flight on the least-loaded endpoint and then reported placed, as the scheduler's in-flight hook and
/// the director do; <see cref="Finish"/> ends it and wakes the queue, as a completed response does. Saturation comes
/// from the real <see cref="ConcurrencyDetector"/> unless a test gives another detector.
/// </summary>
internal sealed class FlowHarness : IDisposable
{
    private readonly Dictionary<FlowItem, Endpoint> _placedOn = new(ReferenceEqualityComparer.Instance);

    public FlowHarness(FlowControlOptions? options = null, int endpoints = 1, int capacity = 1, Func<ManualTimeProvider, ISaturationDetector>? detector = null)
    {
        Clock = new ManualTimeProvider();
        Endpoints = [.. Enumerable.Range(0, endpoints).Select(i => new Endpoint(new EndpointSpec($"pod-{i}", new IPAddress([10, 0, 0, (byte)(i + 1)]), 8000)))];
        Meter = new EppMeter();
        Exporter = new PrometheusExporter(Meter);
        Metrics = new FlowControlMetrics(Meter, "pool");
        Detector = detector?.Invoke(Clock) ?? new ConcurrencyDetector(ConcurrencyDetector.TypeName, ConcurrencyMode.Requests, capacity);
        var snapshot = ImmutableArray.Create(Endpoints);
        Controller = new FlowController(options ?? new FlowControlOptions { RecheckInterval = TimeSpan.Zero }, Detector, () => snapshot, Clock, Metrics);
        Metrics.Saturation = Controller.CurrentSaturation;
    }

    public ManualTimeProvider Clock { get; }

    public Endpoint[] Endpoints { get; }

    public EppMeter Meter { get; }

    public PrometheusExporter Exporter { get; }

    public FlowControlMetrics Metrics { get; }

    public ISaturationDetector Detector { get; }

    public FlowController Controller { get; }

    /// <summary>Every item that got an outcome, in the order the outcomes were delivered.</summary>
    public List<FlowItem> Finalized { get; } = [];

    public IEnumerable<FlowItem> Dispatched => Finalized.Where(i => i.Outcome == FlowOutcome.Dispatched);

    /// <summary>Request ids in dispatch order.</summary>
    public IEnumerable<string> DispatchOrder => Dispatched.Select(i => i.Request.RequestId);

    /// <summary>When false, dispatched requests are not placed until <see cref="PlaceAll"/> (a slow scheduler).</summary>
    public bool PlaceOnDispatch { get; set; } = true;

    public FlowItem Submit(string flow = "default-flow", int priority = 0, int bytes = 100, string? id = null, DateTimeOffset? deadline = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Controller.Enqueue(FlowRequests.Create(flow, priority, bytes, id, headers, Clock.GetUtcNow()), deadline, OnFinalized);

    /// <summary>Places every dispatched request not yet placed.</summary>
    public void PlaceAll()
    {
        foreach (var item in Dispatched.Where(i => !_placedOn.ContainsKey(i)).ToList()) Place(item);
    }

    /// <summary>The response of <paramref name="item"/> completed: it leaves its endpoint and the queue is woken.</summary>
    public void Finish(FlowItem item)
    {
        if (!_placedOn.Remove(item, out var endpoint)) throw new InvalidOperationException($"{item} is not in flight");
        endpoint.RemoveInFlight(item.Tokens);
        Controller.Wake();
    }

    /// <summary>Finishes the earliest dispatched request still in flight.</summary>
    public FlowItem FinishOldest()
    {
        var oldest = Dispatched.First(_placedOn.ContainsKey);
        Finish(oldest);
        return oldest;
    }

    public string MetricsText() => Exporter.Collect();

    public void Dispose()
    {
        Controller.Dispose();
        Exporter.Dispose();
        Meter.Dispose();
    }

    private void OnFinalized(FlowItem item)
    {
        Finalized.Add(item);
        if (item.Outcome == FlowOutcome.Dispatched && PlaceOnDispatch) Place(item);
    }

    private void Place(FlowItem item)
    {
        var endpoint = Endpoints.MinBy(e => e.InFlightRequests)!;
        endpoint.AddInFlight(item.Tokens);
        _placedOn[item] = endpoint;
        Controller.Placed(item);
    }
}
