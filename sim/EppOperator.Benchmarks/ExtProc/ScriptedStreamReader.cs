using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Grpc;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>Feeds a fixed message sequence to the state machine, for the in-process (no transport) measurement.</summary>
internal sealed class ScriptedStreamReader(IReadOnlyList<ProcessingRequest> messages) : IAsyncStreamReader<ProcessingRequest>
{
    private int _index = -1;

    public ProcessingRequest Current => messages[_index];

    public ValueTask<bool> MoveNext(CancellationToken cancellationToken) => ValueTask.FromResult(++_index < messages.Count);
}
