using System.Net;
using System.Net.Http.Headers;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Bench;
using EppOperator.Sim.Reports;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Load;

/// <summary>
/// Open-loop HTTP load: every planned request is sent at its arrival time whether or not earlier ones finished
/// (arrivals never wait for completions), as streaming requests with usage, and measured from the client's side:
/// time to the first chunk with text, gaps between text chunks, time to the end of the stream, and the usage
/// (prompt and cached tokens) of the final chunk. Latencies are counted from the planned arrival, so any client-side
/// wait is charged to the system under test. With <see cref="LoadOptions.Sheddable"/>, the sheddable users' requests
/// carry their InferenceObjective header and each priority class is also measured apart, with its 429s counted.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, LoadOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly RunStatistics _stats = new();
    private readonly Dictionary<string, int> _servedBy = new(StringComparer.Ordinal);

    // Priority ≥ 0 at index 0, sheddable at 1, as in the virtual bench; only when some traffic is marked sheddable.
    private readonly RunStatistics[]? _classStats = options.Sheddable is null ? null : [new RunStatistics(), new RunStatistics()];
    private readonly int[] _refused = new int[2];

    /// <summary>A client for <paramref name="options"/>: pooled connections without a cap, HTTP/2 when asked.</summary>
    public static HttpClient CreateClient(LoadOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler)
        {
            BaseAddress = options.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = options.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task<LoadResult> RunAsync(WorkloadPlan plan, Action<string>? progress, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var start = time.GetTimestamp();
        var inFlight = new List<Task>(plan.Requests.Count);
        var reported = 0;
        foreach (var planned in plan.Requests)
        {
            var due = TimeSpan.FromSeconds(planned.ArrivalSeconds * options.TimeScale);
            var wait = due - time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            inFlight.Add(SendAsync(plan.Definition, planned, start + (long)(due.TotalSeconds * time.TimestampFrequency), slots, cancellationToken));

            var second = (int)planned.ArrivalSeconds;
            if (progress is not null && second >= reported + 10)
            {
                reported = second;
                progress($"{second}s of {plan.EndSeconds:0}s sent");
            }
        }

        await Task.WhenAll(inFlight);
        lock (_lock)
        {
            return new LoadResult(_stats.ToResult(preemptions: 0), _stats.SortedTtft(), new Dictionary<string, int>(_servedBy))
            {
                Classes = _classStats is null
                    ? []
                    :
                    [
                        new PriorityClassOutcome(PriorityClassOutcome.PriorityClass, _classStats[0].ToResult(preemptions: 0), _refused[0]),
                        new PriorityClassOutcome(PriorityClassOutcome.SheddableClass, _classStats[1].ToResult(preemptions: 0), _refused[1]),
                    ],
            };
        }
    }

    private async Task SendAsync(WorkloadDefinition workload, PlannedRequest planned, long arrival, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var body = RequestBodies.Build(workload, planned, stream: true);
        var arrivalMs = planned.ArrivalSeconds * 1000;
        var sheddable = options.Sheddable is { } marking && marking.Includes(planned, workload);
        var classIndex = sheddable ? 1 : 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        var acquired = false;
        try
        {
            await slots.WaitAsync(timeout.Token);
            acquired = true;
            using var content = new ByteArrayContent(body.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, body.Path) { Content = content };
            if (sheddable) request.Headers.TryAddWithoutValidation(RequestHeaderNames.InferenceObjective, options.Sheddable!.Objective);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                RecordError(planned, arrivalMs, classIndex, refused: response.StatusCode == HttpStatusCode.TooManyRequests);
                return;
            }

            var pod = response.Headers.TryGetValues("x-inference-pod", out var values) ? values.FirstOrDefault() ?? "" : "";
            long first = 0, previous = 0;
            var gaps = new List<double>(planned.OutputTokens);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var usage = await SseReader.ReadAsync(stream, () =>
            {
                var now = time.GetTimestamp();
                if (first == 0) first = now;
                else gaps.Add(ModelMs(previous, now));
                previous = now;
            }, timeout.Token);
            var end = time.GetTimestamp();

            if (first == 0 || usage is null)
            {
                RecordError(planned, arrivalMs, classIndex);
                return;
            }

            lock (_lock)
            {
                _servedBy[pod] = _servedBy.GetValueOrDefault(pod) + 1;
                if (!planned.Measured) return;
                var u = usage.Value;
                foreach (var stats in (RunStatistics?[])[_stats, _classStats?[classIndex]])
                {
                    if (stats is null) continue;
                    foreach (var gap in gaps) stats.RecordTokenGap(gap);
                    stats.RecordCompleted(arrivalMs, ModelMs(arrival, first), ModelMs(arrival, end), u.PromptTokens, u.CachedTokens, u.CompletionTokens);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or System.Text.Json.JsonException
                                   && !cancellationToken.IsCancellationRequested)
        {
            // Refused, reset, malformed or timed out: the client saw a failed request.
            RecordError(planned, arrivalMs, classIndex);
        }
        finally
        {
            if (acquired) slots.Release();
        }
    }

    /// <summary>Counts a failed measured request in all and in its class; <paramref name="refused"/>: the answer was 429.</summary>
    private void RecordError(PlannedRequest planned, double arrivalMs, int classIndex, bool refused = false)
    {
        if (!planned.Measured) return;
        lock (_lock)
        {
            _stats.RecordError(arrivalMs);
            _classStats?[classIndex].RecordError(arrivalMs);
            if (refused) _refused[classIndex]++;
        }
    }

    private double ModelMs(long from, long to) => time.GetElapsedTime(from, to).TotalMilliseconds / options.TimeScale;
}
