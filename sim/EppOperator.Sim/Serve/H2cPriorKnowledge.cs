using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace EppOperator.Sim.Serve;

/// <summary>
/// Lets one cleartext port serve HTTP/1.1 and prior-knowledge HTTP/2 (h2c), like vLLM behind Envoy. Kestrel picks
/// HTTP/1.1 for an <c>Http1AndHttp2</c> endpoint without TLS because there is no ALPN; this connection middleware
/// peeks at the first bytes and, when they are the HTTP/2 connection preface, presents the connection as if ALPN
/// had chosen h2. The bytes are not consumed, so Kestrel reads the preface itself. Requires
/// <c>AllowAlternateSchemes</c>, since such a connection carries <c>:scheme http</c>.
/// </summary>
internal static class H2cPriorKnowledge
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static async Task DetectAsync(ConnectionContext connection, Func<Task> next)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync(connection.ConnectionClosed);
            var buffer = read.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            var head = new byte[length];
            buffer.Slice(0, length).CopyTo(head);
            var matches = head.AsSpan().SequenceEqual(Preface.AsSpan(0, length));
            if (!matches || length == Preface.Length || read.IsCompleted)
            {
                input.AdvanceTo(buffer.Start);
                if (matches && length == Preface.Length)
                {
                    connection.Features.Set<ITlsConnectionFeature>(new NoTls());
                    connection.Features.Set<ITlsApplicationProtocolFeature>(new H2Alpn());
                }

                break;
            }

            // A partial preface so far: examine what arrived without consuming it and wait for more.
            input.AdvanceTo(buffer.Start, buffer.End);
        }

        await next();
    }

    private sealed class NoTls : ITlsConnectionFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }

    private sealed class H2Alpn : ITlsApplicationProtocolFeature
    {
        public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();
    }
}
