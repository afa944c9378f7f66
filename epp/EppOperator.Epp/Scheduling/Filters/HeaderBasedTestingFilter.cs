namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>header-based-testing-filter</c>, for the GAIE conformance suite only: keeps the candidates listed in the
/// <c>test-epp-endpoint-selection</c> request header (comma-separated <c>ip</c> or <c>ip:port</c>; with a port only
/// that exact endpoint), nothing when none matches (the request then fails, as the suite expects). It lets any client
/// steer its own request, so it exists only when a configuration declares it.
/// </summary>
internal sealed class HeaderBasedTestingFilter(string name) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "header-based-testing-filter";
    public const string HeaderName = "test-epp-endpoint-selection";

    public override string Type => TypeName;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        if (!cycle.Request.Headers.TryGetValue(HeaderName, out var header) || string.IsNullOrWhiteSpace(header)) return selection.Length;
        return FilterSelection.Keep(selection, (cycle, header), static (s, i) => Listed(s.header, s.cycle.Endpoints[i].HostPort));
    }

    /// <summary>True when <paramref name="hostPort"/> (<c>ip:port</c>, IPv6 bracketed) is in the comma-separated list.</summary>
    public static bool Listed(string list, string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        var host = hostPort.AsSpan(0, colon).Trim("[]");
        foreach (var range in list.AsSpan().Split(','))
        {
            var entry = list.AsSpan()[range].Trim();
            if (entry.SequenceEqual(hostPort) || entry.Trim("[]").SequenceEqual(host)) return true;
        }

        return false;
    }
}
