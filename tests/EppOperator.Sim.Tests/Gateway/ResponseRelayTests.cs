using System.Text;
using EppOperator.Sim.Gateway;

namespace EppOperator.Sim.Tests.Gateway;

public class ResponseRelayTests
{
    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public async Task OfferAsync_WhileRelayingThroughEpp_QueuesAndWritesNothing()
    {
        using var client = new MemoryStream();
        using var relay = new ResponseRelay(client, () => { });

        var sendToEpp = await relay.OfferAsync(Bytes("data: 1\n\n"), CancellationToken.None);

        Assert.That(sendToEpp, Is.True);
        Assert.That(client.Length, Is.Zero);
    }

    [Test]
    public async Task SwitchToDirectAsync_AfterPartialEcho_WritesExactlyTheBytesTheEppHadNotReturned()
    {
        using var client = new MemoryStream();
        using var relay = new ResponseRelay(client, () => { });
        await relay.OfferAsync(Bytes("AAAA"), CancellationToken.None);
        await relay.OfferAsync(Bytes("BBBB"), CancellationToken.None);
        await relay.WriteFromEppAsync(Bytes("AAAA"), CancellationToken.None);
        await relay.WriteFromEppAsync(Bytes("BB"), CancellationToken.None);

        await relay.SwitchToDirectAsync(CancellationToken.None);
        var direct = await relay.OfferAsync(Bytes("CCCC"), CancellationToken.None);

        Assert.That(direct, Is.False);
        Assert.That(relay.Direct, Is.True);
        Assert.That(Encoding.UTF8.GetString(client.ToArray()), Is.EqualTo("AAAABBBBCCCC"));
    }

    [Test]
    public async Task WriteFromEppAsync_AfterSwitch_IsDropped()
    {
        using var client = new MemoryStream();
        using var relay = new ResponseRelay(client, () => { });
        await relay.OfferAsync(Bytes("AB"), CancellationToken.None);
        await relay.SwitchToDirectAsync(CancellationToken.None);

        await relay.WriteFromEppAsync(Bytes("AB"), CancellationToken.None);

        Assert.That(Encoding.UTF8.GetString(client.ToArray()), Is.EqualTo("AB"));
    }

    [Test]
    public async Task WriteFromEppAsync_FirstBytes_ReportsTheFirstByteOnce()
    {
        using var client = new MemoryStream();
        var calls = 0;
        using var relay = new ResponseRelay(client, () => calls++);

        await relay.WriteFromEppAsync(Bytes(""), CancellationToken.None);
        await relay.WriteFromEppAsync(Bytes("x"), CancellationToken.None);
        await relay.WriteFromEppAsync(Bytes("y"), CancellationToken.None);

        Assert.That(calls, Is.EqualTo(1));
    }
}
