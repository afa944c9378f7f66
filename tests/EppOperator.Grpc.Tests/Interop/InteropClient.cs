namespace EppOperator.Grpc.Tests.Interop;

/// <summary>The independent gRPC implementations the transport is checked against.</summary>
public enum InteropClient
{
    /// <summary><c>@grpc/grpc-js</c> on node (tests/Interop/grpc_js_client.js).</summary>
    GrpcJs,

    /// <summary>Debian's <c>python3-grpcio</c> (tests/Interop/grpcio_client.py).</summary>
    Grpcio,
}
