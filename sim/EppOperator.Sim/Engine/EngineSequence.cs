namespace EppOperator.Sim.Engine;

/// <summary>
/// One request inside the engine: where it is (waiting, running), how many of its tokens have KV computed, the
/// blocks it holds, and its timestamps. Mutated only by <see cref="SimulatedEngine"/> under its lock; readers
/// outside (observers, the HTTP layer) read it from within a callback or after it finished.
/// </summary>
internal sealed class EngineSequence
{
    internal EngineSequence(EngineRequest request, IEngineObserver observer, long arrivedAt)
    {
        Request = request;
        Observer = observer;
        ArrivedAt = arrivedAt;
        NumTokens = request.PromptTokens;
    }

    public EngineRequest Request { get; }

    internal IEngineObserver Observer { get; }

    public SequenceState State { get; internal set; }

    /// <summary>Prompt tokens plus tokens generated so far.</summary>
    public int NumTokens { get; internal set; }

    /// <summary>Tokens whose KV is computed (reset to 0 by a preemption: vLLM recomputes).</summary>
    public int NumComputed { get; internal set; }

    public int Generated { get; internal set; }

    /// <summary>Prompt tokens served from the prefix cache when first scheduled (vLLM's <c>cached_tokens</c>); -1 before.</summary>
    public int CachedTokens { get; internal set; } = -1;

    public int Preemptions { get; internal set; }

    public long ArrivedAt { get; }

    public long FirstTokenAt { get; internal set; }

    public bool IsFinished => Generated >= Request.OutputTokens;

    internal List<int> Blocks { get; } = [];

    /// <summary>Leading prompt blocks whose hash is registered in (or was taken from) the prefix cache.</summary>
    internal int HashedBlocks { get; set; }

    /// <summary>Prompt tokens found in the cache at submission; what queued work the oracle expects it to skip.</summary>
    internal int CachedAtSubmit { get; set; }

    /// <summary>Tokens scheduled in the step in flight.</summary>
    internal int Scheduled { get; set; }

    internal LinkedListNode<EngineSequence>? WaitingNode { get; set; }

    /// <summary>Prompt (and, after a preemption, generated) tokens still to prefill.</summary>
    internal int PendingPrefill => Generated > 0 && NumComputed == NumTokens - 1 ? 0 : NumTokens - NumComputed;
}
