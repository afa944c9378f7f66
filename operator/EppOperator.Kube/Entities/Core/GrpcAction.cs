namespace EppOperator.Kube.Entities.Core;

/// <summary>gRPC health probe (grpc.health.v1) on a port, optionally naming the service.</summary>
internal sealed class GrpcAction : KubeModel
{
    public int Port { get; set; }

    public string? Service { get; set; }
}
