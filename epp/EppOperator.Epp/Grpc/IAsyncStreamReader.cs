namespace EppOperator.Epp.Grpc;

/// <summary>
/// Reads the messages of a client stream in order, shaped like Grpc.Core's reader so handlers port unchanged.
/// <see cref="MoveNext"/> returns false at the clean end of the stream and throws <see cref="RpcException"/>
/// for a malformed or oversized frame.
/// </summary>
internal interface IAsyncStreamReader<out T>
{
    T Current { get; }

    ValueTask<bool> MoveNext(CancellationToken cancellationToken);
}
