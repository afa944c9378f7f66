using EppOperator.Epp.Grpc.Server;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Epp.Grpc.Health;

/// <summary>
/// <c>grpc.health.v1.Health</c> over a <see cref="HealthStatusRegistry"/>, with grpc's semantics: Check of an unknown
/// service fails with NOT_FOUND; Watch of one reports SERVICE_UNKNOWN and keeps watching, sending each change.
/// </summary>
internal sealed class HealthService(HealthStatusRegistry statuses)
{
    public const string CheckPath = "/grpc.health.v1.Health/Check";
    public const string WatchPath = "/grpc.health.v1.Health/Watch";

    private static readonly Status UnknownService = new(StatusCode.NotFound, "unknown service");

    /// <summary>Registers Check and Watch on <paramref name="registry"/>.</summary>
    public void Register(GrpcMethodRegistry registry)
    {
        registry.AddUnary<HealthCheckRequest, HealthCheckResponse>(CheckPath, HealthCheckRequest.Parser, Check);
        registry.AddServerStreaming<HealthCheckRequest, HealthCheckResponse>(WatchPath, HealthCheckRequest.Parser, Watch);
    }

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!statuses.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(UnknownService);
        }

        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        using var watch = statuses.Watch(request.Service);
        var cancellationToken = context.CancellationToken;
        var sent = watch.Initial;
        await responseStream.WriteAsync(new HealthCheckResponse { Status = sent }, cancellationToken);
        while (await watch.Updates.WaitToReadAsync(cancellationToken))
        {
            while (watch.Updates.TryRead(out var status))
            {
                if (status != sent)
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, cancellationToken);
                    sent = status;
                }
            }
        }
    }
}
