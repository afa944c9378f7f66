namespace EppOperator.Benchmarks.ExtProc;

/// <summary>The <c>extproc</c> benchmark's JSON report.</summary>
internal sealed record ExtProcBenchmarkReport(
    string Benchmark,
    bool Quick,
    int ProcessorCount,
    string Note,
    string Exchange,
    int RequestBodyBytes,
    InProcessRun InProcess,
    IReadOnlyList<LoopbackRun> Loopback,
    IReadOnlyDictionary<string, string> Targets);
