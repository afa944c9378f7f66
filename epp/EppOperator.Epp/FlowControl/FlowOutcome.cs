namespace EppOperator.Epp.FlowControl;

/// <summary>How a request left the flow-control queue. The names are the reference's <c>outcome</c> label values.</summary>
internal enum FlowOutcome
{
    /// <summary>Still queued; never a final outcome.</summary>
    Pending,

    /// <summary>Released to the scheduler.</summary>
    Dispatched,

    /// <summary>A global or band limit (<c>maxRequests</c>, <c>maxBytes</c>) was reached at arrival: 429.</summary>
    RejectedCapacity,

    /// <summary>Refused at arrival for another reason (the controller is shutting down): 500.</summary>
    RejectedOther,

    /// <summary>Waited longer than its TTL or past the client's deadline: 503.</summary>
    EvictedTtl,

    /// <summary>The client went away while the request waited: 503.</summary>
    EvictedContextCancelled,

    /// <summary>Removed for another reason (shutdown): 500.</summary>
    EvictedOther,
}
