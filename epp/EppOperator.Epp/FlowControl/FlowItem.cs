using System.Threading.Tasks.Sources;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// One request's place in the flow-control queue, from <see cref="FlowController.Enqueue"/> until its outcome. It
/// is also the awaitable <see cref="FlowController.EnqueueAndWaitAsync"/> returns (continuations run asynchronously,
/// never under the controller's lock). A dispatched item holds a capacity reservation until
/// <see cref="FlowController.Placed"/> is called for it.
/// </summary>
internal sealed class FlowItem : IValueTaskSource<FlowItem>
{
    private readonly Action<FlowItem>? _onFinalized;
    private ManualResetValueTaskSourceCore<FlowItem> _completion = new() { RunContinuationsAsynchronously = true };
    private int _outcome;
    private int _completed;

    internal FlowItem(FlowController owner, InferenceRequest request, long tokens, Action<FlowItem>? onFinalized)
    {
        Owner = owner;
        Request = request;
        ByteSize = Math.Max(0, request.BodyLength);
        Tokens = tokens;
        _onFinalized = onFinalized;
    }

    public FlowController Owner { get; }

    public InferenceRequest Request { get; }

    /// <summary>Bytes counted against <c>maxBytes</c>: the request body as received.</summary>
    public long ByteSize { get; }

    /// <summary>Estimated tokens, for token-based saturation while dispatched but not yet placed.</summary>
    public long Tokens { get; }

    /// <summary>Arrival order across the controller; ties in every ordering are broken by it.</summary>
    public long Sequence { get; internal set; }

    public DateTimeOffset EnqueuedAt { get; internal set; }

    /// <summary>When the request times out in the queue; <see cref="DateTimeOffset.MaxValue"/> for never.</summary>
    public DateTimeOffset ExpiresAt { get; internal set; } = DateTimeOffset.MaxValue;

    /// <summary>The band's ordering key (see <see cref="IOrderingPolicy"/>).</summary>
    public long OrderKey { get; internal set; }

    public FlowOutcome Outcome => (FlowOutcome)Volatile.Read(ref _outcome);

    public bool IsFinalized => Outcome != FlowOutcome.Pending;

    /// <summary>Time spent in flow control, set with the outcome.</summary>
    public TimeSpan QueueTime { get; private set; }

    internal FlowQueue? Flow { get; set; }

    internal int OrderIndex { get; set; } = -1;

    internal int ExpiryIndex { get; set; } = -1;

    /// <summary>Dispatched and not yet placed by the scheduler: counted in the controller's reservation.</summary>
    internal bool Reserved { get; set; }

    internal FlowMetricLabels? Labels { get; set; }

    /// <summary>Sets the outcome; under the controller's lock, once.</summary>
    internal void Finalize(FlowOutcome outcome, DateTimeOffset now)
    {
        QueueTime = EnqueuedAt == default ? TimeSpan.Zero : now - EnqueuedAt;
        Volatile.Write(ref _outcome, (int)outcome);
    }

    /// <summary>Runs the callback and releases an awaiter; outside the lock, once.</summary>
    internal void Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        try
        {
            _onFinalized?.Invoke(this);
        }
        finally
        {
            _completion.SetResult(this);
        }
    }

    internal short Version => _completion.Version;

    FlowItem IValueTaskSource<FlowItem>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<FlowItem>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<FlowItem>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    public override string ToString() => $"{Request.RequestId} ({Request.FairnessId}, priority {Request.Priority}): {Outcome}";
}
