namespace EppOperator.Epp.Grpc.Client;

/// <summary>The request side of a client streaming call (Grpc.Core's <c>IClientStreamWriter</c>).</summary>
internal interface IClientStreamWriter<in T>
{
    /// <summary>Frames and sends one message; writes must not overlap.</summary>
    ValueTask WriteAsync(T message, CancellationToken cancellationToken);

    /// <summary>Half-closes the request stream: the server's reader sees the end of the stream.</summary>
    Task CompleteAsync();
}
