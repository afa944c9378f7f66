using EppOperator.Epp.Grpc;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>A call context whose cancellation a test triggers, standing for a client reset.</summary>
internal sealed class TestServerCallContext(CancellationToken cancellationToken) : ServerCallContext
{
    public override string Method => "/envoy.service.ext_proc.v3.ExternalProcessor/Process";

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override IReadOnlyDictionary<string, string> RequestHeaders { get; } = new Dictionary<string, string>();

    public override CancellationToken CancellationToken { get; } = cancellationToken;
}
