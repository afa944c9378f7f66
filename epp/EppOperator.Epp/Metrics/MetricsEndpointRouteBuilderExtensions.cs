using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EppOperator.Epp.Metrics;

/// <summary>Serves <see cref="PrometheusExporter"/> output over HTTP.</summary>
internal static class MetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /metrics</c>. With <paramref name="port"/> (the <c>--metrics-port</c>, 9090) the route answers
    /// only on that listener, so a host with one Kestrel serving gRPC, health and metrics keeps them apart. The
    /// check is on the local port, not the Host header, which a Service port mapping would change.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, PrometheusExporter exporter, int? port = null, string pattern = "/metrics")
    {
        return endpoints.MapGet(pattern, async context =>
        {
            if (port is { } only && context.Connection.LocalPort != only)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var text = exporter.Collect();
            context.Response.ContentType = PrometheusTextWriter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
