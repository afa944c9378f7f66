namespace EppOperator.Epp.Grpc;

/// <summary>
/// Writes response messages of a server stream; each write is framed and flushed. Writes must not overlap:
/// a second write before the first completes throws <see cref="InvalidOperationException"/>.
/// </summary>
internal interface IServerStreamWriter<in T>
{
    ValueTask WriteAsync(T message, CancellationToken cancellationToken);
}
