using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EppOperator.Epp.Metrics;

/// <summary>Serves <see cref="PrometheusExporter"/> output over HTTP.</summary>
internal static class MetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /metrics</c>. With <paramref name="port"/> (the <c>--metrics-port</c>, 9090) the route answers
    /// only on that listener, so a host with one Kestrel serving gRPC, health and metrics keeps them apart.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, PrometheusExporter exporter, int? port = null, string pattern = "/metrics")
    {
        var route = endpoints.MapGet(pattern, async context =>
        {
            var text = exporter.Collect();
            context.Response.ContentType = PrometheusTextWriter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        });
        if (port is { } p) route.RequireHost($"*:{p}");
        return route;
    }
}
