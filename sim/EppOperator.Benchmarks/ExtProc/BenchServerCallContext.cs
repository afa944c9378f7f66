using EppOperator.Epp.Grpc;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>A call context for driving the handler without a transport.</summary>
internal sealed class BenchServerCallContext : ServerCallContext
{
    public static readonly BenchServerCallContext Instance = new();

    public override string Method => "/envoy.service.ext_proc.v3.ExternalProcessor/Process";

    public override string Peer => "ipv4:127.0.0.1:0";

    public override DateTime Deadline => DateTime.MaxValue;

    public override IReadOnlyDictionary<string, string> RequestHeaders { get; } = new Dictionary<string, string>();

    public override CancellationToken CancellationToken => CancellationToken.None;
}
