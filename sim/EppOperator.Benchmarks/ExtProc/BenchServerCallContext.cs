using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>A call context for driving the handler without a transport.</summary>
internal sealed class BenchServerCallContext : ServerCallContext
{
    public static readonly BenchServerCallContext Instance = new();

    public override string Method => ExtProcConstants.ProcessMethod;

    public override string Peer => "ipv4:127.0.0.1:0";

    public override DateTime Deadline => DateTime.MaxValue;

    public override IReadOnlyDictionary<string, string> RequestHeaders { get; } = new Dictionary<string, string>();

    public override CancellationToken CancellationToken => CancellationToken.None;
}
