namespace EppOperator.Epp.Grpc;

/// <summary>A unary handler: one request in, one response out (Grpc.Core's <c>UnaryServerMethod</c>).</summary>
internal delegate Task<TResponse> UnaryMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);
