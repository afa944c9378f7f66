using System.Diagnostics;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling.RequestControl;

namespace EppOperator.Epp.Scheduling;

/// <summary>
/// The configurable scheduler: data producers, then the profile handler's loop over profiles
/// (filters → weighted scorers → picker), then the primary profile's picks become the result (target plus
/// fallbacks). Immutable once built; a configuration reload builds a new one (<see cref="ReloadableScheduler"/>).
/// Also the request-control hook of the decisions it made: it forwards to the hooks configured with it.
/// </summary>
internal sealed class PluginScheduler : IScheduler, IRequestLifecycleHook
{
    public const string NoCandidates = "no candidate endpoints for the request";

    private readonly IProfileHandler _handler;
    private readonly SchedulerProfile[] _profiles;
    private readonly ICycleDataProducer[] _producers;
    private readonly IRequestLifecycleHook[] _hooks;
    private readonly int[] _pickOffsets;
    private readonly int _pickCapacity;
    private readonly int _prefillProfile;
    private readonly SchedulerMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly Random _random;

    /// <param name="random">Must be thread-safe (e.g. <see cref="Random.Shared"/>) when decisions run concurrently.</param>
    public PluginScheduler(
        IProfileHandler handler,
        IReadOnlyList<SchedulerProfile> profiles,
        IReadOnlyList<ICycleDataProducer> producers,
        IReadOnlyList<IRequestLifecycleHook> hooks,
        SchedulerMetrics? metrics,
        TimeProvider time,
        Random random,
        EndpointLiveness? liveness = null)
    {
        var invalid = handler.Validate(profiles);
        if (invalid is not null) throw new ArgumentException(invalid, nameof(profiles));
        _handler = handler;
        _profiles = [.. profiles];
        _producers = [.. producers];
        _hooks = [.. hooks];
        _metrics = metrics;
        _time = time;
        _random = random;
        Liveness = liveness ?? new EndpointLiveness();
        _pickOffsets = new int[_profiles.Length];
        for (var i = 0; i < _profiles.Length; i++)
        {
            _pickOffsets[i] = _pickCapacity;
            _pickCapacity += _profiles[i].Picker.MaxEndpoints;
        }

        _prefillProfile = Array.FindIndex(_profiles, p => p.Name == "prefill");
    }

    public IProfileHandler Handler => _handler;

    public IReadOnlyList<SchedulerProfile> Profiles => _profiles;

    public IReadOnlyList<ICycleDataProducer> Producers => _producers;

    public IReadOnlyList<IRequestLifecycleHook> Hooks => _hooks;

    /// <summary>When endpoints last answered, carried over to the scheduler a reload builds.</summary>
    public EndpointLiveness Liveness { get; }

    public SchedulingResult Schedule(InferenceRequest request, ReadOnlySpan<Endpoint> candidates)
    {
        var started = Stopwatch.GetTimestamp();
        if (candidates.IsEmpty)
        {
            _metrics?.RecordDecision(started, succeeded: false);
            return SchedulingResult.Failed(NoCandidates);
        }

        var cycle = SchedulingCycle.Rent(request, candidates, _time.GetUtcNow(), _random);
        try
        {
            var sampled = _metrics is not null && _metrics.SamplePlugins() ? _metrics : null;
            foreach (var producer in _producers)
            {
                var t = sampled is null ? 0 : Stopwatch.GetTimestamp();
                producer.Produce(cycle);
                sampled?.RecordPlugin(ExtensionPoints.PrepareData, producer, t);
            }

            var outcomes = cycle.Outcomes(_profiles.Length);
            var picks = cycle.PickBuffer(_pickCapacity);
            RunProfiles(cycle, outcomes, picks, sampled);

            var primary = _handler.SelectPrimary(cycle, _profiles, outcomes);
            if (primary < 0 || !outcomes[primary].Succeeded)
            {
                foreach (var producer in _producers) producer.Abandon(cycle);
                _metrics?.RecordDecision(started, succeeded: false);
                return SchedulingResult.Failed(FailureOf(outcomes, primary));
            }

            var result = BuildResult(cycle, outcomes[primary], picks);
            AttachState(request, cycle, outcomes, picks, picks[outcomes[primary].Start]);
            _metrics?.RecordDecision(started, succeeded: true);
            return result;
        }
        finally
        {
            cycle.Return();
        }
    }

    public void OnPicked(InferenceRequest request, SchedulingResult result)
    {
        foreach (var hook in _hooks) hook.OnPicked(request, result);
    }

    public void OnResponseReceived(InferenceRequest request, SchedulingResult result, int statusCode)
    {
        foreach (var hook in _hooks) hook.OnResponseReceived(request, result, statusCode);
    }

    public void OnResponseComplete(InferenceRequest request, SchedulingResult result, ResponseUsage usage, bool completed)
    {
        foreach (var hook in _hooks) hook.OnResponseComplete(request, result, usage, completed);
    }

    private void RunProfiles(SchedulingCycle cycle, Span<ProfileOutcome> outcomes, Span<int> picks, SchedulerMetrics? sampled)
    {
        Span<int> next = stackalloc int[Math.Min(_profiles.Length, 64)];

        // Each profile runs at most once, so a handler that keeps asking cannot loop forever.
        for (var round = 0; round < _profiles.Length; round++)
        {
            var t = sampled is null ? 0 : Stopwatch.GetTimestamp();
            var count = _handler.SelectProfiles(cycle, _profiles, outcomes, next);
            sampled?.RecordPlugin(ExtensionPoints.ProfileHandler, _handler, t);
            var ran = false;
            for (var k = 0; k < count; k++)
            {
                var p = next[k];
                if ((uint)p >= (uint)_profiles.Length || outcomes[p].Ran) continue;
                outcomes[p] = _profiles[p].Run(cycle, picks, _pickOffsets[p], sampled);
                ran = true;
            }

            if (!ran) return;
        }
    }

    private static SchedulingResult BuildResult(SchedulingCycle cycle, ProfileOutcome outcome, Span<int> picks)
    {
        var endpoints = cycle.Endpoints;
        var target = endpoints[picks[outcome.Start]];
        if (outcome.Count == 1) return SchedulingResult.Picked(target);
        var fallbacks = new Endpoint[outcome.Count - 1];
        for (var i = 1; i < outcome.Count; i++) fallbacks[i - 1] = endpoints[picks[outcome.Start + i]];
        return SchedulingResult.Picked(target, fallbacks);
    }

    private void AttachState(InferenceRequest request, SchedulingCycle cycle, ReadOnlySpan<ProfileOutcome> outcomes, Span<int> picks, int primaryCandidate)
    {
        Endpoint? prefill = null;
        if (_prefillProfile >= 0 && outcomes[_prefillProfile].Succeeded)
        {
            prefill = cycle.Endpoints[picks[outcomes[_prefillProfile].Start]];
        }

        var state = new SchedulingRequestState(this)
        {
            PrimaryMatchedBlocks = cycle.PrefixMatchedBlocks[primaryCandidate],
            PrefillTarget = prefill,
        };

        // The pooled hash buffer now belongs to the request; the prefix recorder returns it at pick time.
        state.AttachPrefixHashes(cycle.PrefixHashes, cycle.PrefixHashCount);
        cycle.PrefixHashes = null;
        request.SchedulingState = state;
    }

    private static string FailureOf(ReadOnlySpan<ProfileOutcome> outcomes, int primary)
    {
        if (primary >= 0 && outcomes[primary].Failure is { } reason) return reason;
        foreach (var outcome in outcomes)
        {
            if (outcome.Failure is { } failure) return failure;
        }

        return SchedulerProfile.NoEndpointsAvailable;
    }
}
