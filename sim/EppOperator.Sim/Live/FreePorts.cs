using System.Net;
using System.Net.Sockets;

namespace EppOperator.Sim.Live;

/// <summary>Free loopback ports for child processes (which are told their ports on the command line).</summary>
internal static class FreePorts
{
    /// <summary><paramref name="count"/> distinct ports that were free a moment ago (all held open together while chosen).</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }
}
