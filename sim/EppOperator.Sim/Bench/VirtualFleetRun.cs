using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using EppOperator.Sim.Bench.Policies;
using EppOperator.Sim.Clock;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Bench;

/// <summary>
/// One policy replaying one plan on a fleet of simulated engines, in virtual time and one thread. Each pod is an
/// <see cref="Endpoint"/> of the EPP's data layer whose metrics a simulated scraper replaces every scrape interval
/// (each pod at its own phase, as independent scrape loops are); the policy's scheduler picks from the endpoints and
/// its hooks hear about every pick and completion, exactly as on the EPP's request path. A policy with the EPP's
/// admission sheds requests or holds them in its flow-control queue (in virtual time) before they are scheduled;
/// completions and scrapes wake that queue as they do in the EPP.
/// </summary>
internal sealed class VirtualFleetRun
{
    private readonly BenchRequest[] _requests;
    private readonly VirtualTimeProvider _time = new();
    private readonly SimulatedEngine[] _engines;
    private readonly Endpoint[] _endpoints;
    private readonly Dictionary<Endpoint, int> _podOf = new(ReferenceEqualityComparer.Instance);
    private readonly IScheduler _scheduler;
    private readonly IReadOnlyList<IRequestLifecycleHook> _hooks;
    private readonly AdmissionController? _admission;
    private readonly RunStatistics _stats = new();

    // Priority ≥ 0 at index 0, sheddable at 1; only when the options assign priorities.
    private readonly RunStatistics[]? _classStats;
    private readonly int[] _refused = new int[2];
    private readonly BenchOptions _options;
    private readonly HashSet<BenchRequest> _unfinished = new(ReferenceEqualityComparer.Instance);
    private ITimer? _arrivalTimer;
    private int _completed;
    private long _lastCompletion;
    private BenchRequest? _current;
    private int _nextArrival;
    private int _outstanding;

    public VirtualFleetRun(BenchRequest[] requests, WorkloadPlan plan, EngineProfile profile, BenchPolicy policy, BenchOptions options)
    {
        _requests = requests;
        _options = options;
        _engines = new SimulatedEngine[plan.Pods];
        _endpoints = new Endpoint[plan.Pods];
        var scrapePhases = new Random(SyntheticText.DeriveSeed(options.Seed, 20, 0));
        for (var i = 0; i < plan.Pods; i++)
        {
            _engines[i] = new SimulatedEngine(profile, _time, new Random(SyntheticText.DeriveSeed(options.Seed, 21, i)));
            _endpoints[i] = new Endpoint(new EndpointSpec($"pod-{i}", new IPAddress([10, 0, (byte)(i / 250), (byte)(i % 250 + 1)]), 8000));
            _podOf[_endpoints[i]] = i;
            Scrape(i);
            var pod = i;
            var phase = TimeSpan.FromTicks((long)(scrapePhases.NextDouble() * options.ScrapeInterval.Ticks));
            _time.CreateTimer(_ => Scrape(pod), null, phase, options.ScrapeInterval);
        }

        var environment = new PolicyEnvironment(
            _time, new Random(SyntheticText.DeriveSeed(options.Seed, 22, 0)), _endpoints, _engines, EngineRequestOf);
        var instance = policy.Create(environment);
        _scheduler = instance.Scheduler;
        _hooks = instance.Hooks;
        _admission = instance.Admission;
        if (options.PriorityOf is not null) _classStats = [new RunStatistics(), new RunStatistics()];
    }

    public RunOutcome Run()
    {
        using var arrivals = _time.CreateTimer(_ => Arrive(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _arrivalTimer = arrivals;
        if (_requests.Length > 0) arrivals.Change(TimeSpan.FromTicks(_requests[0].ArrivalTicks), Timeout.InfiniteTimeSpan);

        // Arrivals, then the drain: run until every request completed or the drain limit passed.
        var lastArrival = _requests.Length == 0 ? 0 : _requests[^1].ArrivalTicks;
        var deadline = lastArrival + _options.DrainLimit.Ticks;
        while ((_nextArrival < _requests.Length || _outstanding > 0) && _time.NowTicks <= deadline)
        {
            if (!_time.RunNext()) break;
        }

        // Whatever is still queued or running at the deadline timed out, as it would at a client.
        foreach (var request in _unfinished) RecordError(request);

        long preemptions = 0;
        foreach (var engine in _engines) preemptions += engine.GetState().Counters.Preemptions;
        return new RunOutcome(_stats.ToResult(preemptions), _stats.SortedTtft(), _completed, _lastCompletion / (double)TimeSpan.TicksPerSecond)
        {
            Classes = _classStats is null
                ? []
                : [new PriorityClassOutcome(PriorityClassOutcome.PriorityClass, _classStats[0].ToResult(0), _refused[0]), new PriorityClassOutcome(PriorityClassOutcome.SheddableClass, _classStats[1].ToResult(0), _refused[1])],
        };
    }

    private void Arrive()
    {
        var now = _time.NowTicks;
        while (_nextArrival < _requests.Length && _requests[_nextArrival].ArrivalTicks <= now)
        {
            Dispatch(_requests[_nextArrival++]);
        }

        if (_nextArrival < _requests.Length)
        {
            _arrivalTimer!.Change(TimeSpan.FromTicks(_requests[_nextArrival].ArrivalTicks - now), Timeout.InfiniteTimeSpan);
        }
    }

    private void Dispatch(BenchRequest request)
    {
        var inference = request.ToInferenceRequest(_time.GetUtcNow(), _options.PriorityOf?.Invoke(request.Planned) ?? 0);
        if (_admission is null)
        {
            Place(request, inference);
            return;
        }

        if (_admission.FlowControl is not { } flow)
        {
            if (_admission.AdmitLegacy(inference).Admitted) Place(request, inference);
            else Refuse(request, inference);
            return;
        }

        // Waiting in the EPP counts as outstanding, so the run goes on until the request leaves the queue.
        _outstanding++;
        _unfinished.Add(request);
        flow.Enqueue(inference, clientDeadline: null, item => LeftQueue(request, inference, item));
    }

    private void LeftQueue(BenchRequest request, InferenceRequest inference, FlowItem item)
    {
        _outstanding--;
        _unfinished.Remove(request);
        if (item.Outcome != FlowOutcome.Dispatched)
        {
            Refuse(request, inference);
            return;
        }

        try
        {
            Place(request, inference);
        }
        finally
        {
            item.Owner.Placed(item);
        }
    }

    private void Place(BenchRequest request, InferenceRequest inference)
    {
        _current = request;
        var result = _scheduler.Schedule(inference, _endpoints);
        _current = null;
        if (!result.Succeeded)
        {
            RecordError(request);
            return;
        }

        foreach (var hook in _hooks) hook.OnPicked(inference, result);
        var pod = _podOf[result.Primary!];
        var tracker = new Tracker(this, request, inference, result);
        var submitted = _engines[pod].Submit(request.Engine, tracker);
        if (!submitted.Accepted)
        {
            foreach (var hook in _hooks) hook.OnResponseReceived(inference, result, 400);
            foreach (var hook in _hooks) hook.OnResponseComplete(inference, result, default, completed: false);
            RecordError(request);
            return;
        }

        _outstanding++;
        _unfinished.Add(request);

        // A streaming server sends its response headers as soon as it accepts the request.
        foreach (var hook in _hooks) hook.OnResponseReceived(inference, result, 200);
    }

    /// <summary>Admission shed the request (429) or it left the flow-control queue without being dispatched.</summary>
    private void Refuse(BenchRequest request, InferenceRequest inference)
    {
        if (request.Planned.Measured && _classStats is not null) _refused[ClassOf(inference)]++;
        RecordError(request);
    }

    private void RecordError(BenchRequest request)
    {
        if (!request.Planned.Measured) return;
        _stats.RecordError(Ms(request.ArrivalTicks));
        _classStats?[ClassOf(request)].RecordError(Ms(request.ArrivalTicks));
    }

    private static int ClassOf(InferenceRequest inference) => inference.Priority < 0 ? 1 : 0;

    private int ClassOf(BenchRequest request) => (_options.PriorityOf?.Invoke(request.Planned) ?? 0) < 0 ? 1 : 0;

    private EngineRequest EngineRequestOf(InferenceRequest request)
    {
        if (_current is null || _current.Engine.Id != request.RequestId)
        {
            throw new InvalidOperationException("the oracle may only look at the request being scheduled");
        }

        return _current.Engine;
    }

    private void Scrape(int pod)
    {
        _endpoints[pod].Metrics = SimulatedScrape.Read(_engines[pod], _time.GetUtcNow());

        // New metrics may show room the flow-control queue is waiting for.
        _admission?.Wake();
    }

    private static double Ms(long ticks) => ticks / (double)TimeSpan.TicksPerMillisecond;

    /// <summary>Follows one request through its engine, like a client reading the stream.</summary>
    private sealed class Tracker(VirtualFleetRun run, BenchRequest request, InferenceRequest inference, SchedulingResult result) : IEngineObserver
    {
        private long _lastToken;

        public void OnToken(EngineSequence sequence, long timestamp)
        {
            if (request.Planned.Measured && sequence.Generated > 1)
            {
                run._stats.RecordTokenGap(Ms(timestamp - _lastToken));
                run._classStats?[ClassOf(inference)].RecordTokenGap(Ms(timestamp - _lastToken));
            }

            _lastToken = timestamp;
        }

        public void OnFinished(EngineSequence sequence, long timestamp)
        {
            run._outstanding--;
            run._unfinished.Remove(request);
            run._completed++;
            run._lastCompletion = Math.Max(run._lastCompletion, timestamp);
            var usage = new ResponseUsage(
                sequence.Request.PromptTokens, sequence.Generated, sequence.Request.PromptTokens + sequence.Generated,
                Math.Max(0, sequence.CachedTokens));
            foreach (var hook in run._hooks) hook.OnResponseComplete(inference, result, usage, completed: true);
            run._admission?.Wake();
            if (!request.Planned.Measured) return;

            var arrival = request.ArrivalTicks;
            run._stats.RecordCompleted(
                Ms(arrival), Ms(sequence.FirstTokenAt - arrival), Ms(timestamp - arrival),
                usage.PromptTokens, usage.CachedTokens, usage.CompletionTokens);
            run._classStats?[ClassOf(inference)].RecordCompleted(
                Ms(arrival), Ms(sequence.FirstTokenAt - arrival), Ms(timestamp - arrival),
                usage.PromptTokens, usage.CachedTokens, usage.CompletionTokens);
        }
    }
}
