using EppOperator.Epp.Grpc.Client;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

/// <summary>What every exchange of one gateway shares: configuration, the EPP channel, the upstream client, metrics.</summary>
internal sealed record GatewayServices(
    GatewayOptions Options,
    GrpcChannel? Epp,
    UpstreamClient Upstream,
    GatewayMetrics Metrics,
    ExtProcTimings Timings,
    ILogger Logger,
    TimeProvider Time);
