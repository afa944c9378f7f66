using System.Collections.Immutable;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// Decides whether a parsed request may go on to scheduling, in one of the reference's two modes. Without the
/// <c>flowControl</c> feature gate (legacy admission): requests with priority ≥ 0 always pass, sheddable ones (priority
/// &lt; 0) are refused with 429 while the pool is saturated. With it: every request goes through the
/// <see cref="FlowController"/> and waits in the EPP until the pool has room, its TTL ends (503) or its client leaves.
/// </summary>
internal sealed class AdmissionController : IDisposable
{
    public const string SheddableDroppedMessage = "system saturated, sheddable request dropped";

    private static readonly InferenceError Shed = new(InferenceErrorCode.ResourceExhausted, SheddableDroppedMessage);

    private readonly Func<ImmutableArray<Endpoint>> _endpoints;
    private readonly ILogger _logger;

    public AdmissionController(
        ISaturationDetector detector,
        Func<ImmutableArray<Endpoint>> endpoints,
        FlowController? flowControl = null,
        FlowControlMetrics? metrics = null,
        ILogger? logger = null)
    {
        Detector = detector;
        _endpoints = endpoints;
        FlowControl = flowControl;
        _logger = logger ?? NullLogger.Instance;
        if (metrics is not null) metrics.Saturation = flowControl is null ? () => detector.Saturation(endpoints().AsSpan()) : flowControl.CurrentSaturation;
        FlowControlLog.Configured(_logger, flowControl is null ? "legacy (sheddable requests shed when saturated)" : "flow control", detector.Name, detector.Type);
    }

    public ISaturationDetector Detector { get; }

    /// <summary>The queue, when the <c>flowControl</c> feature gate is on.</summary>
    public FlowController? FlowControl { get; }

    /// <summary>
    /// Admits, refuses or queues <paramref name="request"/>. <paramref name="clientDeadline"/> bounds the queue wait;
    /// cancelling <paramref name="cancellationToken"/> frees a queued request's slot at once.
    /// </summary>
    public ValueTask<Admission> AdmitAsync(InferenceRequest request, DateTimeOffset? clientDeadline, CancellationToken cancellationToken)
    {
        if (FlowControl is null) return new ValueTask<Admission>(AdmitLegacy(request));
        var waiting = FlowControl.EnqueueAndWaitAsync(request, clientDeadline, cancellationToken);
        return waiting.IsCompletedSuccessfully ? new ValueTask<Admission>(Of(waiting.Result)) : AwaitAsync(waiting);
    }

    /// <summary>The reference's legacy admission: shed sheddable requests while the pool is saturated.</summary>
    public Admission AdmitLegacy(InferenceRequest request)
    {
        if (request.Priority >= 0) return default;
        var saturation = Detector.Saturation(_endpoints().AsSpan());
        if (saturation < 1) return default;
        FlowControlLog.Shed(_logger, request.RequestId, request.Priority, saturation);
        return new Admission(Shed, null);
    }

    /// <summary>Capacity may have been freed (a response ended): let waiting requests through.</summary>
    public void Wake() => FlowControl?.Wake();

    /// <summary>Stops flow control: what is still queued is answered with a 500.</summary>
    public void Dispose() => FlowControl?.Dispose();

    private static Admission Of(FlowItem item) => new(item.Outcome.ToError(), item.Outcome == FlowOutcome.Dispatched ? item : null);

    private static async ValueTask<Admission> AwaitAsync(ValueTask<FlowItem> waiting) => Of(await waiting.ConfigureAwait(false));
}
