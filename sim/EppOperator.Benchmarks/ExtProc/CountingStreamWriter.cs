using System.Buffers;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.Grpc;
using Google.Protobuf;

namespace EppOperator.Benchmarks.ExtProc;

/// <summary>Serialises each reply into a reused buffer (as a transport would) and counts it.</summary>
internal sealed class CountingStreamWriter : IServerStreamWriter<ProcessingResponse>
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);

    public int Count { get; private set; }

    public ValueTask WriteAsync(ProcessingResponse message, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        message.WriteTo(_buffer);
        Count++;
        return ValueTask.CompletedTask;
    }
}
