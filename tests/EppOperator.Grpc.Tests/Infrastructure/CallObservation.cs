namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>The server's view of a finished call: whether its token was cancelled and the deadline it applied.</summary>
internal sealed record CallObservation(bool Cancelled, DateTime Deadline);
