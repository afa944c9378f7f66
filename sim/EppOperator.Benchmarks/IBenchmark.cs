namespace EppOperator.Benchmarks;

/// <summary>
/// One benchmark of the Bench target. Implementations are discovered by reflection; each writes its own
/// JSON report (and may write more files) into <see cref="BenchContext.OutputDirectory"/>.
/// </summary>
internal interface IBenchmark
{
    /// <summary>Short name used with <c>--bench</c>, e.g. <c>grpc</c>, <c>extproc</c>, <c>scheduler</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
