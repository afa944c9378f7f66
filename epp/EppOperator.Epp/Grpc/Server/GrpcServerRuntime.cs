using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>What every call of one server shares: its options, logger and clock.</summary>
internal sealed class GrpcServerRuntime(GrpcServerOptions options, ILogger logger, TimeProvider timeProvider)
{
    public GrpcServerOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;

    public TimeProvider TimeProvider { get; } = timeProvider;
}
