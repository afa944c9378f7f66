using System.Threading.Channels;
using EppOperator.Epp.Grpc;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>The server's response stream, read by a test through a channel.</summary>
internal sealed class ChannelStreamWriter<T>(ChannelWriter<T> channel) : IServerStreamWriter<T>
{
    public ValueTask WriteAsync(T message, CancellationToken cancellationToken) => channel.WriteAsync(message, cancellationToken);
}
