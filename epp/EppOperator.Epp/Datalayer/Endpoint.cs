using System.Net;
using System.Net.Sockets;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// One model-server endpoint (a pod and one of its target ports). Identity is fixed at construction; the
/// scraped metrics are swapped atomically as a whole and in-flight counters change with interlocked
/// operations, so the scheduler reads it on the hot path without locks or copies.
/// </summary>
internal sealed class Endpoint
{
    private EndpointMetrics _metrics = EndpointMetrics.None;
    private long _inFlightRequests;
    private long _inFlightTokens;

    public Endpoint(EndpointSpec spec)
    {
        Spec = spec;
        HostPort = FormatHostPort(spec.Address, spec.Port);
    }

    public EndpointSpec Spec { get; }

    public string Name => Spec.Name;

    public IPAddress Address => Spec.Address;

    public int Port => Spec.Port;

    /// <summary><c>ip:port</c>, with IPv6 in brackets; the exact text sent to the proxy.</summary>
    public string HostPort { get; }

    public EndpointMetrics Metrics
    {
        get => Volatile.Read(ref _metrics);
        set => Volatile.Write(ref _metrics, value);
    }

    /// <summary>Requests picked for this endpoint whose response has not completed.</summary>
    public long InFlightRequests => Interlocked.Read(ref _inFlightRequests);

    /// <summary>Estimated tokens (prompt plus expected output) of the in-flight requests.</summary>
    public long InFlightTokens => Interlocked.Read(ref _inFlightTokens);

    public void AddInFlight(long tokens)
    {
        Interlocked.Increment(ref _inFlightRequests);
        Interlocked.Add(ref _inFlightTokens, tokens);
    }

    public void RemoveInFlight(long tokens)
    {
        Interlocked.Decrement(ref _inFlightRequests);
        Interlocked.Add(ref _inFlightTokens, -tokens);
    }

    public override string ToString() => $"{Name} ({HostPort})";

    public static string FormatHostPort(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
