using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using EppOperator.Epp.Metrics;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// The gateway's Prometheus instruments, on an <see cref="EppMeter"/> so the EPP's exposition serves them. Endpoint
/// labels only ever carry pool members (or <c>none</c>), so their cardinality is the pool's size.
/// </summary>
internal sealed class GatewayMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _firstByte;
    private readonly Histogram<double> _extProc;
    private readonly Counter<long> _extProcFailures;
    private readonly Counter<long> _connectFailures;
    private readonly Counter<long> _rejectedDestinations;
    private readonly Counter<long> _strippedHeaders;

    public GatewayMetrics(EppMeter meter)
    {
        var m = meter.Meter;
        _requests = m.CreateCounter<long>("gateway_requests_total", null, "Requests answered by the gateway, by HTTP status code and the endpoint that served them (none for local replies).");
        _duration = Histogram(m, "gateway_request_duration_seconds", "Time from a request's arrival to the end of its response.");
        _firstByte = Histogram(m, "gateway_time_to_first_byte_seconds", "Time from a request's arrival to the first response body byte sent to the client (time to first token for streams).");
        _extProc = Histogram(m, "gateway_ext_proc_duration_seconds", "Time spent waiting for the EPP: request (first message sent to headers answer), response_headers and first_body_chunk (round trips).");
        _extProcFailures = m.CreateCounter<long>("gateway_ext_proc_failures_total", null, "ext_proc exchanges that failed, by kind (unavailable, timeout, stream, protocol) and what the gateway did (fail_open, fail_closed).");
        _connectFailures = m.CreateCounter<long>("gateway_upstream_connect_failures_total", null, "Connection attempts to an endpoint that failed; the next endpoint of the list is tried.");
        _rejectedDestinations = m.CreateCounter<long>("gateway_destination_rejected_total", null, "Destination entries that are not endpoints of the pool, skipped without being contacted.");
        _strippedHeaders = m.CreateCounter<long>("gateway_client_routing_headers_stripped_total", null, "Client requests that carried a routing header only the EPP may set; it was removed.");
    }

    public void RecordRequest(int status, string? endpoint, TimeSpan duration, TimeSpan? firstByte)
    {
        var tags = new TagList { { "code", status.ToString(CultureInfo.InvariantCulture) }, { "endpoint", endpoint ?? "none" } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds);
        if (firstByte is { } ttfb) _firstByte.Record(ttfb.TotalSeconds);
    }

    public void RecordExtProc(string phase, TimeSpan elapsed) => _extProc.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("phase", phase));

    public void RecordExtProcFailure(ExtProcFailureKind kind, bool failedOpen) =>
        _extProcFailures.Add(1, new TagList { { "kind", KindLabel(kind) }, { "mode", failedOpen ? "fail_open" : "fail_closed" } });

    public void RecordConnectFailure(string endpoint) => _connectFailures.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));

    public void RecordRejectedDestinations(int count)
    {
        if (count > 0) _rejectedDestinations.Add(count);
    }

    public void RecordStrippedRoutingHeader() => _strippedHeaders.Add(1);

    public static string KindLabel(ExtProcFailureKind kind) => kind switch
    {
        ExtProcFailureKind.Unavailable => "unavailable",
        ExtProcFailureKind.Timeout => "timeout",
        ExtProcFailureKind.Protocol => "protocol",
        _ => "stream",
    };

    private static Histogram<double> Histogram(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, unit: null, description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
}
