namespace EppOperator.Epp.FlowControl;

/// <summary>
/// The queued requests of one priority: per-flow queues, the band's ordering and fairness policies, and its counts
/// against <see cref="BandOptions.MaxRequests"/> and <see cref="BandOptions.MaxBytes"/>. Used under the controller's lock.
/// </summary>
internal sealed class PriorityBand
{
    private readonly Dictionary<string, FlowQueue> _flows = new(StringComparer.Ordinal);
    private readonly IOrderingPolicy _ordering;
    private readonly IFairnessPolicy _fairness;

    public PriorityBand(BandOptions options)
    {
        Options = options;
        _ordering = FlowPolicies.CreateOrdering(options.OrderingPolicy);
        _fairness = FlowPolicies.CreateFairness(options.FairnessPolicy);
    }

    public BandOptions Options { get; }

    public int Priority => Options.Priority;

    public int Count { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Flows with at least one queued request.</summary>
    public int FlowCount => _flows.Count;

    public bool HasRoomFor(long bytes) =>
        (Options.MaxRequests <= 0 || Count < Options.MaxRequests) && (Options.MaxBytes <= 0 || Bytes + bytes <= Options.MaxBytes);

    public void Add(FlowItem item)
    {
        var fairnessId = item.Request.FairnessId;
        if (!_flows.TryGetValue(fairnessId, out var flow))
        {
            flow = new FlowQueue(this, fairnessId);
            _flows[fairnessId] = flow;
        }

        item.OrderKey = _ordering.OrderKey(item);
        var headChanged = flow.Add(item);
        Count++;
        Bytes += item.ByteSize;
        if (flow.Count == 1) _fairness.Activate(flow);
        else if (headChanged) _fairness.HeadChanged(flow);
    }

    public void Remove(FlowItem item)
    {
        var flow = item.Flow ?? throw new InvalidOperationException($"{item} is not queued");
        var headChanged = flow.Remove(item);
        Count--;
        Bytes -= item.ByteSize;
        if (flow.Count == 0)
        {
            _fairness.Deactivate(flow);
            _flows.Remove(flow.FairnessId);
        }
        else if (headChanged)
        {
            _fairness.HeadChanged(flow);
        }
    }

    /// <summary>The request the fairness policy dispatches next (advancing its turn); null when the band is empty.</summary>
    public FlowItem? TakeTurn() => Count == 0 ? null : _fairness.Pick()?.Head;

    /// <summary>Every queued request, for shutdown.</summary>
    public List<FlowItem> Drain()
    {
        var items = new List<FlowItem>(Count);
        foreach (var flow in _flows.Values.ToList())
        {
            while (flow.Head is { } head)
            {
                Remove(head);
                items.Add(head);
            }
        }

        return items;
    }
}
