using System.Net;
using System.Net.Sockets;

namespace EppOperator.Sim.Tests.Gateway.Support;

/// <summary>A "forged" address: a loopback port that counts every connection made to it (and closes it).</summary>
internal sealed class CountingListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _connections;

    public CountingListener()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose() => _listener.Dispose();

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync();
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
