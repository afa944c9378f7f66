using System.Net;
using System.Net.Sockets;

namespace EppOperator.Testing.Net;

/// <summary>
/// Free loopback ports for servers that cannot bind port 0 themselves (a child process, a URL built in advance).
/// Prefer binding port 0 where the server supports it: a port found here can be taken by someone else before use.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
