namespace EppOperator.Epp.Grpc;

/// <summary>A bidirectional streaming handler; returning completes the call with OK.</summary>
internal delegate Task DuplexStreamingMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream,
    IServerStreamWriter<TResponse> responseStream,
    ServerCallContext context);
