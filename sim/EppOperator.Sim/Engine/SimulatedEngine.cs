namespace EppOperator.Sim.Engine;

/// <summary>
/// A simulated vLLM engine: a continuous-batching step loop over a paged KV cache with prefix caching.
/// <para>
/// Each step schedules, in vLLM V1's order, one token for every running sequence (or the next prefill chunk of a
/// sequence still prefilling), then admits waiting requests while the token budget, <c>max_num_seqs</c>, the LoRA
/// slots and the free KV blocks allow. A running sequence that needs a block when none is free preempts the newest
/// running sequence, which loses its KV and is recomputed later. The step lasts
/// <c>base + decode sequences × per-sequence cost + prefill tokens × per-token cost</c>; its tokens are delivered
/// when it ends.
/// </para>
/// <para>
/// Time comes only from the injected <see cref="TimeProvider"/>: a timer ends each step. With the system clock it
/// serves HTTP in real time; with <see cref="Clock.VirtualTimeProvider"/> a whole fleet runs in virtual time in one
/// thread. The seeded <see cref="Random"/> only draws step-time jitter, so runs are reproducible.
/// </para>
/// </summary>
internal sealed class SimulatedEngine : IDisposable
{
    private readonly Lock _lock = new();
    private readonly long _maxCatchUp; // timestamp ticks (50 ms)
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly KvBlockPool _pool;
    private readonly List<EngineSequence> _running = [];
    private readonly LinkedList<EngineSequence> _waiting = new();
    private readonly List<EngineSequence> _batch = [];
    private readonly Dictionary<string, int> _runningAdapters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _waitingAdapters = new(StringComparer.Ordinal);
    private readonly ITimer _stepTimer;
    private int[] _remainingScratch = new int[64];
    private bool _stepInFlight;
    private long _stepEndsAt;
    private long _waitingPrefill;
    private long _promptTokens;
    private long _generationTokens;
    private long _prefixQueries;
    private long _prefixHits;
    private long _preemptions;

    public SimulatedEngine(EngineProfile profile, TimeProvider time, Random random)
    {
        if (profile.Validate() is { } error) throw new ArgumentException($"profile {profile.Name}: {error}", nameof(profile));
        Profile = profile;
        _time = time;
        _random = random;
        _maxCatchUp = time.TimestampFrequency / 20;
        _pool = new KvBlockPool(profile.NumGpuBlocks);
        _stepTimer = time.CreateTimer(static state => ((SimulatedEngine)state!).OnStepEnded(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public EngineProfile Profile { get; }

    /// <summary>Queues a request; the step loop starts at once when the engine is idle.</summary>
    public SubmitResult Submit(EngineRequest request, IEngineObserver observer)
    {
        var bs = Profile.BlockSize;
        if (request.PromptTokens <= 0 || request.OutputTokens <= 0)
        {
            throw new ArgumentException("a request needs at least one prompt token and one output token", nameof(request));
        }

        if (request.BlockHashes.Length != request.PromptTokens / bs)
        {
            throw new ArgumentException($"expected {request.PromptTokens / bs} block hashes for {request.PromptTokens} prompt tokens, got {request.BlockHashes.Length}", nameof(request));
        }

        lock (_lock)
        {
            var total = (long)request.PromptTokens + request.OutputTokens;
            if (total > Profile.MaxModelLen || BlocksFor((int)Math.Min(total, int.MaxValue)) > Profile.NumGpuBlocks)
            {
                return new SubmitResult(null, SubmitRejection.TooLong);
            }

            if (request.Adapter is not null && Profile.MaxLoras == 0)
            {
                return new SubmitResult(null, SubmitRejection.LoraDisabled);
            }

            if (Profile.MaxWaitingRequests > 0 && _waiting.Count >= Profile.MaxWaitingRequests)
            {
                return new SubmitResult(null, SubmitRejection.QueueFull);
            }

            var sequence = new EngineSequence(request, observer, _time.GetTimestamp());
            sequence.CachedAtSubmit = CachedPrefixTokens(request.BlockHashes.Span, request.PromptTokens);
            Enqueue(sequence, atFront: false);
            if (!_stepInFlight) PlanAndArm();
            return new SubmitResult(sequence, SubmitRejection.None);
        }
    }

    /// <summary>Drops a request (the client went away): it leaves the queue or the batch and its blocks are freed.
    /// Returns false when it had already finished.</summary>
    public bool Abort(EngineSequence sequence)
    {
        lock (_lock)
        {
            switch (sequence.State)
            {
                case SequenceState.Waiting:
                    Dequeue(sequence);
                    break;
                case SequenceState.Running:
                    _running.Remove(sequence);
                    RemoveAdapter(_runningAdapters, sequence.Request.Adapter);
                    _pool.Release(sequence.Blocks);
                    break;
                default:
                    return false;
            }

            sequence.State = SequenceState.Aborted;
            if (!_stepInFlight) PlanAndArm();
            return true;
        }
    }

    public EngineState GetState()
    {
        lock (_lock)
        {
            return new EngineState(
                _running.Count,
                _waiting.Count,
                _pool.Usage,
                _pool.FreeBlocks,
                SortedKeys(_runningAdapters),
                SortedKeys(_waitingAdapters),
                new EngineCounters(_promptTokens, _generationTokens, _prefixQueries, _prefixHits, _preemptions));
        }
    }

    /// <summary>Prompt tokens of <paramref name="request"/> the prefix cache would serve right now (block-granular,
    /// never the whole prompt: the last token is always computed).</summary>
    public int PeekCachedTokens(EngineRequest request)
    {
        lock (_lock) return CachedPrefixTokens(request.BlockHashes.Span, request.PromptTokens);
    }

    /// <summary>
    /// The engine's own estimate of the time to first token <paramref name="request"/> would see if it arrived now:
    /// the prefill work queued ahead of it plus its uncached prompt, at the step-time model's rates, plus the wait
    /// for a batch slot when the queue is blocked on <c>max_num_seqs</c> or KV blocks. Uses the true state (exact
    /// cache contents, exact remaining output of running sequences): this is what the oracle policy reads.
    /// </summary>
    public TimeSpan EstimateTimeToFirstToken(EngineRequest request)
    {
        lock (_lock)
        {
            var p = Profile;
            long ahead = _waitingPrefill;
            foreach (var s in _running) ahead += s.PendingPrefill;

            var mine = request.PromptTokens - CachedPrefixTokens(request.BlockHashes.Span, request.PromptTokens);
            var work = ahead + mine;
            var decoders = _running.Count;
            var stepMs = p.StepMs(decoders, 0);
            var perStepTokens = Math.Max(1, p.MaxNumBatchedTokens - decoders);
            var steps = (work + perStepTokens - 1) / perStepTokens;
            var ms = work * p.PrefillMsPerToken + steps * stepMs;

            // Nothing new joins the batch before the step in flight ends.
            if (_stepInFlight) ms += Math.Max(0, _time.GetElapsedTime(_time.GetTimestamp(), _stepEndsAt).TotalMilliseconds);

            // Requests that only wait for the step in flight are admitted by the next plan. The queue is blocked when
            // batch slots or KV blocks run out: then this request starts only after enough running sequences finish.
            var slotShortfall = _running.Count + _waiting.Count + 1 - p.MaxNumSeqs;
            var blocksAhead = (_waitingPrefill + mine) / p.BlockSize + _waiting.Count + 1;
            var kvShort = blocksAhead > _pool.FreeBlocks;
            if ((slotShortfall > 0 || kvShort) && _running.Count > 0)
            {
                var k = Math.Max(slotShortfall, kvShort ? _waiting.Count + 1 : 0);
                ms += NthSmallestRemaining(Math.Min(k, _running.Count) - 1) * stepMs;
            }

            return TimeSpan.FromTicks((long)(ms * TimeSpan.TicksPerMillisecond));
        }
    }

    public void Dispose() => _stepTimer.Dispose();

    private void OnStepEnded()
    {
        lock (_lock)
        {
            _stepInFlight = false;
            CompleteStep(_time.GetTimestamp());
            PlanAndArm(backToBack: true);
        }
    }

    private void PlanAndArm(bool backToBack = false)
    {
        // A step that only preempted schedules nothing; the preempted sequence is admitted by the next plan.
        for (var attempt = 0; attempt < 2 && _batch.Count == 0; attempt++)
        {
            if (_running.Count == 0 && _waiting.Count == 0) return;
            PlanStep(out var decodeSeqs, out var prefillTokens);
            if (_batch.Count == 0) continue;

            var ms = Profile.StepMs(decodeSeqs, prefillTokens);
            if (Profile.StepJitter > 0)
            {
                ms *= Math.Clamp(1 + Profile.StepJitter * _random.NextGaussian(), 0.5, 1.5);
            }

            _stepInFlight = true;

            // A step that follows another starts when the previous one was due to end, not when its timer fired:
            // on a wall clock, timer latency would otherwise stretch every step and slow the simulated GPU down.
            // The catch-up is bounded so an overloaded machine degrades instead of spinning. Virtual timers fire
            // exactly on time, so there both starts coincide.
            var now = _time.GetTimestamp();
            var start = backToBack ? Math.Max(_stepEndsAt, now - _maxCatchUp) : now;
            _stepEndsAt = start + (long)(ms / 1000.0 * _time.TimestampFrequency);
            var due = _time.GetElapsedTime(now, _stepEndsAt);
            _stepTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void PlanStep(out int decodeSeqs, out int prefillTokens)
    {
        decodeSeqs = 0;
        prefillTokens = 0;
        var budget = Profile.MaxNumBatchedTokens;
        var preempted = false;

        // Running sequences first, in admission order: one decode token each, or their next prefill chunk.
        for (var i = 0; i < _running.Count && budget > 0; i++)
        {
            var seq = _running[i];
            var n = Math.Min(seq.NumTokens - seq.NumComputed, budget);
            var scheduled = true;
            while (BlocksFor(seq.NumComputed + n) - seq.Blocks.Count > _pool.FreeBlocks)
            {
                var victim = _running[^1];
                Preempt(victim);
                preempted = true;
                if (ReferenceEquals(victim, seq))
                {
                    scheduled = false;
                    break;
                }
            }

            if (!scheduled) break;
            Schedule(seq, n, ref budget, ref decodeSeqs, ref prefillTokens);
        }

        // vLLM admits nothing in a step that had to preempt: memory is short.
        if (preempted) return;

        var node = _waiting.First;
        while (node is not null && budget > 0 && _running.Count < Profile.MaxNumSeqs)
        {
            var seq = node.Value;
            var next = node.Next;
            var adapter = seq.Request.Adapter;
            if (adapter is not null && !_runningAdapters.ContainsKey(adapter) && _runningAdapters.Count >= Profile.MaxLoras)
            {
                // No LoRA slot for this adapter: later requests for loaded adapters may still go (vLLM skips, too).
                node = next;
                continue;
            }

            var hashes = seq.Request.BlockHashes.Span;
            var hit = CachedPrefixBlocks(hashes, seq.NumTokens);
            var cachedTokens = hit * Profile.BlockSize;
            var n = Math.Min(seq.NumTokens - cachedTokens, budget);
            var needed = BlocksFor(cachedTokens + n) - hit;
            if (needed > _pool.FreeBlocks - _pool.CountEvictable(hashes, hit)) break;

            Dequeue(seq);
            _pool.AcquireCached(hashes, hit, seq.Blocks);
            seq.HashedBlocks = hit;
            seq.NumComputed = cachedTokens;
            if (seq.CachedTokens < 0)
            {
                seq.CachedTokens = cachedTokens;
                _promptTokens += seq.Request.PromptTokens;
                _prefixQueries += seq.Request.PromptTokens;
                _prefixHits += cachedTokens;
            }

            seq.State = SequenceState.Running;
            _running.Add(seq);
            AddAdapter(_runningAdapters, adapter);
            Schedule(seq, n, ref budget, ref decodeSeqs, ref prefillTokens);
            node = next;
        }
    }

    private void Schedule(EngineSequence seq, int n, ref int budget, ref int decodeSeqs, ref int prefillTokens)
    {
        var target = seq.NumComputed + n;
        for (var need = BlocksFor(target) - seq.Blocks.Count; need > 0; need--)
        {
            seq.Blocks.Add(_pool.Allocate());
        }

        // Full prompt blocks become hittable as soon as they are scheduled (vLLM V1 caches at allocation).
        var hashes = seq.Request.BlockHashes.Span;
        var full = Math.Min(target / Profile.BlockSize, hashes.Length);
        for (var b = seq.HashedBlocks; b < full; b++)
        {
            _pool.Register(seq.Blocks[b], hashes[b]);
        }

        seq.HashedBlocks = Math.Max(seq.HashedBlocks, full);
        if (n == 1 && seq.Generated > 0 && seq.NumComputed == seq.NumTokens - 1) decodeSeqs++;
        else prefillTokens += n;

        seq.Scheduled = n;
        budget -= n;
        _batch.Add(seq);
    }

    private void CompleteStep(long now)
    {
        var anyFinished = false;
        foreach (var seq in _batch)
        {
            if (seq.State != SequenceState.Running)
            {
                seq.Scheduled = 0;
                continue;
            }

            seq.NumComputed += seq.Scheduled;
            seq.Scheduled = 0;
            if (seq.NumComputed < seq.NumTokens) continue;

            seq.Generated++;
            seq.NumTokens++;
            if (seq.Generated == 1) seq.FirstTokenAt = now;
            _generationTokens++;
            seq.Observer.OnToken(seq, now);
            if (!seq.IsFinished) continue;

            seq.State = SequenceState.Finished;
            _pool.Release(seq.Blocks);
            RemoveAdapter(_runningAdapters, seq.Request.Adapter);
            anyFinished = true;
            seq.Observer.OnFinished(seq, now);
        }

        _batch.Clear();
        if (anyFinished) _running.RemoveAll(static s => s.State != SequenceState.Running);
    }

    private void Preempt(EngineSequence seq)
    {
        _running.RemoveAt(_running.Count - 1);
        RemoveAdapter(_runningAdapters, seq.Request.Adapter);
        _pool.Release(seq.Blocks);
        seq.NumComputed = 0;
        seq.HashedBlocks = 0;
        seq.Preemptions++;
        _preemptions++;
        Enqueue(seq, atFront: true);
    }

    private void Enqueue(EngineSequence seq, bool atFront)
    {
        seq.State = SequenceState.Waiting;
        seq.WaitingNode = atFront ? _waiting.AddFirst(seq) : _waiting.AddLast(seq);
        _waitingPrefill += WaitingPrefill(seq);
        AddAdapter(_waitingAdapters, seq.Request.Adapter);
    }

    private void Dequeue(EngineSequence seq)
    {
        _waiting.Remove(seq.WaitingNode!);
        seq.WaitingNode = null;
        _waitingPrefill -= WaitingPrefill(seq);
        RemoveAdapter(_waitingAdapters, seq.Request.Adapter);
    }

    // Queued prefill work as the oracle counts it: a fresh request skips what was cached when it arrived, a
    // preempted one recomputes everything it had.
    private static long WaitingPrefill(EngineSequence seq) =>
        seq.Generated > 0 ? seq.NumTokens : seq.NumTokens - seq.CachedAtSubmit;

    private int CachedPrefixBlocks(ReadOnlySpan<ulong> hashes, int numTokens)
    {
        // At least the last token is always computed, so the hit never covers the whole sequence.
        var max = Math.Min(hashes.Length, (numTokens - 1) / Profile.BlockSize);
        return _pool.CountCachedPrefix(hashes[..max]);
    }

    private int CachedPrefixTokens(ReadOnlySpan<ulong> hashes, int numTokens) =>
        CachedPrefixBlocks(hashes, numTokens) * Profile.BlockSize;

    private int BlocksFor(int tokens) => (tokens + Profile.BlockSize - 1) / Profile.BlockSize;

    private int NthSmallestRemaining(int k)
    {
        if (_remainingScratch.Length < _running.Count) _remainingScratch = new int[_running.Count * 2];
        var span = _remainingScratch.AsSpan(0, _running.Count);
        for (var i = 0; i < span.Length; i++)
        {
            var s = _running[i];
            span[i] = s.Request.OutputTokens - s.Generated + s.PendingPrefill / Math.Max(1, Profile.MaxNumBatchedTokens);
        }

        span.Sort();
        return span[Math.Clamp(k, 0, span.Length - 1)];
    }

    private static void AddAdapter(Dictionary<string, int> counts, string? adapter)
    {
        if (adapter is null) return;
        counts[adapter] = counts.GetValueOrDefault(adapter) + 1;
    }

    private static void RemoveAdapter(Dictionary<string, int> counts, string? adapter)
    {
        if (adapter is null) return;
        if (counts[adapter] == 1) counts.Remove(adapter);
        else counts[adapter]--;
    }

    private static string[] SortedKeys(Dictionary<string, int> counts)
    {
        if (counts.Count == 0) return [];
        var keys = counts.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }
}
