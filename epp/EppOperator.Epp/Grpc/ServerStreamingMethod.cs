namespace EppOperator.Epp.Grpc;

/// <summary>A server-streaming handler: one request in, any number of responses out; returning completes the call with OK.</summary>
internal delegate Task ServerStreamingMethod<TRequest, TResponse>(
    TRequest request,
    IServerStreamWriter<TResponse> responseStream,
    ServerCallContext context);
