using Envoy.Config.Core.V3;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.ExtProc;

/// <summary>Reads Envoy header maps: the value is in <c>raw_value</c>, or in <c>value</c> from older proxies.</summary>
internal static class ExtProcHeaders
{
    /// <summary>
    /// All request headers by lower-case name, repeated headers joined with a comma. Routing keys only the EPP or
    /// the proxy may set are dropped here, so a client cannot smuggle a destination past the EPP.
    /// </summary>
    public static Dictionary<string, string> ReadRequestHeaders(HeaderMap? map)
    {
        var headers = new Dictionary<string, string>(map?.Headers.Count ?? 0, StringComparer.Ordinal);
        if (map is null) return headers;
        foreach (var header in map.Headers)
        {
            var key = LowerCase(header.Key);
            if (RequestHeaderNames.IsSystemOwned(key)) continue;
            var value = ValueOf(header);
            headers[key] = headers.TryGetValue(key, out var existing) ? existing + "," + value : value;
        }

        return headers;
    }

    /// <summary>The first value of <paramref name="key"/> (lower-case), or null.</summary>
    public static string? Find(HeaderMap? map, string key)
    {
        if (map is null) return null;
        foreach (var header in map.Headers)
        {
            if (string.Equals(header.Key, key, StringComparison.OrdinalIgnoreCase)) return ValueOf(header);
        }

        return null;
    }

    public static string ValueOf(HeaderValue header) => header.RawValue.IsEmpty ? header.Value : header.RawValue.ToStringUtf8();

    // Envoy sends lower-case keys already; only other clients pay for the copy.
    private static string LowerCase(string key)
    {
        foreach (var c in key)
        {
            if (char.IsAsciiLetterUpper(c)) return key.ToLowerInvariant();
        }

        return key;
    }
}
