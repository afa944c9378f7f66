using System.Net;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Prefix;

namespace EppOperator.Benchmarks.Prefix;

/// <summary>
/// Memory the prefix index retains when full: the default bound (<see cref="PrefixIndexOptions.DefaultMaxTotalBlocks"/>
/// entries) filled by prompts of random, unshared blocks recorded for enough endpoints that the global bound, not the
/// per-endpoint one, stops it. Unshared blocks are the worst case: every entry is a distinct block.
/// </summary>
internal sealed class PrefixIndexMemoryBenchmark : IBenchmark
{
    private const int BlocksPerPrompt = 256;

    public string Name => "prefixindex";

    public string Description => "Bytes the prefix index retains per entry when filled to its default bound";

    public Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = new PrefixIndexOptions();
        var bound = options.MaxTotalBlocks;
        var endpointCount = (int)(bound / options.CapacityPerEndpoint) + 2;
        var endpoints = Enumerable.Range(0, endpointCount)
            .Select(i => new Endpoint(new EndpointSpec($"pod-{i}-rank-0", new IPAddress([10, 0, (byte)(i >> 8), (byte)i]), 8000)))
            .ToArray();
        var random = new Random(42);
        var prompt = new ulong[BlocksPerPrompt];

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new PrefixIndex(options);
        var prompts = (int)(2 * bound / BlocksPerPrompt);
        for (var p = 0; p < prompts; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < prompt.Length; i++) prompt[i] = (ulong)random.NextInt64();
            index.Record(endpoints[p % endpoints.Length], prompt);
            if (p % 1024 == 0) BenchContext.Progress($"prefixindex: {p}/{prompts} prompts, {index.TotalBlocks} entries");
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var report = new
        {
            benchmark = Name,
            endpoints = endpointCount,
            maxTotalBlocks = bound,
            capacityPerEndpoint = options.CapacityPerEndpoint,
            promptsRecorded = prompts,
            totalBlocks = index.TotalBlocks,
            distinctBlocks = index.DistinctBlocks,
            retainedBytes = retained,
            bytesPerEntry = (double)retained / index.TotalBlocks,
        };
        GC.KeepAlive(index);
        var path = context.WriteReport(Name, report);
        BenchContext.Progress($"prefixindex: {report.totalBlocks} entries retain {retained / (1024.0 * 1024):F1} MiB, {report.bytesPerEntry:F1} B per entry -> {path}");
        return Task.CompletedTask;
    }
}
