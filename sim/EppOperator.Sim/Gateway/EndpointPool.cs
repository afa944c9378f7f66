using System.Net;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// The endpoints of the gateway's one cluster, as <c>ip:port</c> (<c>[v6]:port</c>) in the EPP's spelling. Like
/// Envoy's host set under the override_host policy, it decides which destinations a request may be sent to: an
/// address outside the pool is never contacted, whoever names it. Also the round-robin fallback policy.
/// </summary>
internal sealed class EndpointPool
{
    private readonly string[] _endpoints;
    private readonly HashSet<string> _members;
    private long _next = -1;

    private EndpointPool(string[] endpoints)
    {
        _endpoints = endpoints;
        _members = new HashSet<string>(endpoints, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Endpoints => _endpoints;

    /// <summary>Parses <c>ip:port,ip:port</c>; every entry needs an explicit port.</summary>
    public static EndpointPool? TryParse(string text, out string? error)
    {
        error = null;
        var endpoints = new List<string>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var canonical = Canonical(entry);
            if (canonical is null)
            {
                error = $"'{entry}' is not ip:port (IPv6 as [address]:port)";
                return null;
            }

            if (endpoints.Contains(canonical))
            {
                error = $"'{entry}' is listed twice";
                return null;
            }

            endpoints.Add(canonical);
        }

        if (endpoints.Count == 0)
        {
            error = "the list is empty";
            return null;
        }

        return new EndpointPool([.. endpoints]);
    }

    /// <summary>The pool's spelling of <paramref name="entry"/> if it is one of its endpoints, else null.</summary>
    public string? Find(string entry)
    {
        if (_members.Contains(entry)) return entry;
        var canonical = Canonical(entry);
        return canonical is not null && _members.Contains(canonical) ? canonical : null;
    }

    /// <summary>The next endpoint in turn, skipping <paramref name="exclude"/>; null when every endpoint is excluded.</summary>
    public string? NextRoundRobin(IReadOnlyCollection<string>? exclude = null)
    {
        for (var i = 0; i < _endpoints.Length; i++)
        {
            var candidate = _endpoints[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_endpoints.Length)];
            if (exclude is null || !exclude.Contains(candidate)) return candidate;
        }

        return null;
    }

    /// <summary><c>ip:port</c> with an explicit non-zero port in canonical form, else null.</summary>
    public static string? Canonical(string entry)
    {
        // IPEndPoint.TryParse accepts a bare address with port 0; a destination always names its port.
        if (!IPEndPoint.TryParse(entry, out var endpoint) || endpoint.Port == 0) return null;
        if (endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !entry.StartsWith('[')) return null;
        return Endpoint.FormatHostPort(endpoint.Address, endpoint.Port);
    }
}
