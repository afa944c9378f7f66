using System.Threading.Channels;
using EppOperator.Epp.Grpc;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>The server's view of a client stream, fed by a test through a channel.</summary>
internal sealed class ChannelStreamReader<T>(ChannelReader<T> channel) : IAsyncStreamReader<T>
{
    public T Current { get; private set; } = default!;

    public async ValueTask<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!await channel.WaitToReadAsync(cancellationToken)) return false;
        Current = await channel.ReadAsync(cancellationToken);
        return true;
    }
}
