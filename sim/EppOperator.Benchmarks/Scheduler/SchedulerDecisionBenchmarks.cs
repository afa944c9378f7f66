using System.Collections.Immutable;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Prefix;
using EppOperator.Epp.Requests;
using EppOperator.Epp.Scheduling;
using EppOperator.Epp.Scheduling.RequestControl;

namespace EppOperator.Benchmarks.Scheduler;

/// <summary>
/// One scheduling decision with the reference benchmark's plugin set (queue + KV + prefix + LoRA scorers, max-score
/// picker) on a 16 KiB prompt, at several pool sizes. Public and unsealed because BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class SchedulerDecisionBenchmarks
{
    /// <summary>The reference integration harness's profile: every scorer at weight 1, max-score picker.</summary>
    private const string Config = """
        apiVersion: inference.networking.x-k8s.io/v1alpha1
        kind: EndpointPickerConfig
        plugins:
        - type: queue-scorer
        - type: kv-cache-utilization-scorer
        - type: prefix-cache-scorer
        - type: lora-affinity-scorer
        - type: max-score-picker
        schedulingProfiles:
        - name: default
          plugins:
          - pluginRef: queue-scorer
          - pluginRef: kv-cache-utilization-scorer
          - pluginRef: prefix-cache-scorer
          - pluginRef: lora-affinity-scorer
          - pluginRef: max-score-picker
        """;

    private const int PromptBytes = 16 * 1024;
    private const string Model = "sql-lora-1fdg2";

    private PluginScheduler _scheduler = null!;
    private Endpoint[] _endpoints = [];
    private InferenceRequest _request = null!;

    [Params(5, 25, 100, 1000)]
    public int Endpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var built = new SchedulerBuilder(PluginRegistry.CreateDefault(), null, new FixedTimeProvider(now), Random.Shared).Build(Config);
        _scheduler = built.Scheduler ?? throw new InvalidOperationException(built.Diagnostics.Describe());

        var random = new Random(42);
        _endpoints = [.. Enumerable.Range(0, Endpoints).Select(i => new Endpoint(new EndpointSpec($"pod-{i}", new IPAddress([10, 0, (byte)(i >> 8), (byte)i]), 8000))
        {
            Metrics = new EndpointMetrics
            {
                WaitingQueueSize = random.Next(0, 20),
                RunningRequests = random.Next(0, 64),
                KvCacheUsage = random.NextDouble(),
                ActiveModels = i % 3 == 0 ? [Model, "other"] : ["other"],
                MaxActiveModels = 4,
                UpdatedAt = now,
            },
        })];

        // A 16 KiB prompt: a 4 KiB system prompt cached on every endpoint, the whole prompt on one in eight.
        var prompt = PromptText(random);
        _request = Request(prompt);
        var producer = (ApproxPrefixCacheProducer)_scheduler.Producers[0];
        var hashes = new ulong[PromptBytes / 64];
        var count = PrefixBlockHasher.ComputeBlockHashes(_request.PrefixSource.Span, Model, 64, hashes);
        for (var i = 0; i < _endpoints.Length; i++) producer.Index.Record(_endpoints[i], hashes.AsSpan(0, i % 8 == 0 ? count : count / 4));
        WarmUp();
    }

    /// <summary>The decision, plus returning its pooled hash buffer as the pick does.</summary>
    [Benchmark]
    public object? Schedule()
    {
        var result = _scheduler.Schedule(_request, _endpoints);
        ((SchedulingRequestState)_request.SchedulingState!).ReleasePrefixHashes();
        return result.Primary;
    }

    /// <summary>The decision and its bookkeeping: prefix record and in-flight accounting at pick, undone at completion.</summary>
    [Benchmark]
    public object? ScheduleAndRecord()
    {
        var result = _scheduler.Schedule(_request, _endpoints);
        _scheduler.OnPicked(_request, result);
        _scheduler.OnResponseComplete(_request, result, default, completed: true);
        return result.Primary;
    }

    // Tiered compilation promotes hot methods on a background thread, which a busy machine starves: without this the
    // first case measures unoptimised code. Run both bodies, give the JIT time, run them again.
    private void WarmUp()
    {
        for (var round = 0; round < 2; round++)
        {
            var until = DateTime.UtcNow.AddMilliseconds(150);
            while (DateTime.UtcNow < until)
            {
                Schedule();
                ScheduleAndRecord();
            }

            Thread.Sleep(300);
        }
    }

    private static string PromptText(Random random)
    {
        var text = new StringBuilder(PromptBytes);
        while (text.Length < PromptBytes) text.Append((char)('a' + random.Next(26)));
        return text.ToString(0, PromptBytes);
    }

    private static InferenceRequest Request(string prompt) => new()
    {
        RequestId = "bench",
        Kind = RequestKind.Completions,
        Path = "/v1/completions",
        IncomingModel = "sql-lora",
        TargetModel = Model,
        PrefixSource = Encoding.UTF8.GetBytes(prompt),
        Headers = ImmutableDictionary<string, string>.Empty,
    };

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
