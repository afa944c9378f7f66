using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EppOperator.Sim.Tests.Serve;

/// <summary>HTTP/1.1 written by hand, for what HttpClient refuses to send (a Content-Length the body does not have).</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> as is to a loopback port and returns the response's status line.</summary>
    public static async Task<string> StatusLineAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
    }

    /// <summary>The start of a completions POST that declares <paramref name="contentLength"/> bytes and sends only a few.</summary>
    public static string TruncatedCompletionsPost(long contentLength) =>
        $"POST /v1/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n{{\"model\":";
}
