using System.Net;
using EppOperator.Epp.Datalayer;

namespace EppOperator.Epp.Host;

/// <summary>Parses <c>--endpoints 10.0.0.1:8000,[fd00::1]:8000</c>, the standalone pool.</summary>
internal static class StaticEndpointList
{
    public static bool TryParse(string text, out List<EndpointSpec> endpoints, out string error)
    {
        endpoints = [];
        error = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // IPAddress-only entries would parse as IPEndPoint with port 0: require the port explicitly.
            if (!IPEndPoint.TryParse(raw, out var endpoint) || endpoint.Port == 0 || IPAddress.TryParse(raw, out _) && !raw.StartsWith('['))
            {
                error = $"'{raw}' is not ip:port (IPv6 as [address]:port)";
                return false;
            }

            var name = Endpoint.FormatHostPort(endpoint.Address, endpoint.Port);
            if (!seen.Add(name))
            {
                error = $"'{raw}' is listed twice";
                return false;
            }

            endpoints.Add(new EndpointSpec(name, endpoint.Address, endpoint.Port));
        }

        if (endpoints.Count == 0) error = "the list is empty";
        return endpoints.Count > 0;
    }
}
