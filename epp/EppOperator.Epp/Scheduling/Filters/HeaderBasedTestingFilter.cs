using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Scheduling.Filters;

/// <summary>
/// <c>header-based-testing-filter</c>, for the GAIE conformance suite only: keeps the candidates listed in the
/// <c>test-epp-endpoint-selection</c> request header (comma-separated <c>ip</c> or <c>ip:port</c>; with a port only
/// that exact endpoint, read as the request path reads the header), nothing when none matches (the request then
/// fails, as the suite expects). It lets any client steer its own request, so it exists only when a configuration
/// declares it.
/// </summary>
internal sealed class HeaderBasedTestingFilter(string name) : SchedulingPlugin(name), IFilter
{
    public const string TypeName = "header-based-testing-filter";
    public const string HeaderName = RequestHeaderNames.ConformanceEndpointSelection;

    public override string Type => TypeName;

    public int Filter(SchedulingCycle cycle, Span<int> selection)
    {
        if (!cycle.Request.Headers.TryGetValue(HeaderName, out var header) || string.IsNullOrWhiteSpace(header)) return selection.Length;
        var listed = EndpointSelector.ParseList(header);
        return FilterSelection.Keep(selection, (cycle, listed), static (s, i) => EndpointSelector.AnyMatches(s.listed.AsSpan(), s.cycle.Endpoints[i]));
    }
}
