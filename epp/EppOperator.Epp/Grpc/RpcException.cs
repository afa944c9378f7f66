namespace EppOperator.Epp.Grpc;

/// <summary>Thrown by a handler (or the transport) to end a call with a specific status, as in Grpc.Core.</summary>
internal sealed class RpcException : Exception
{
    public RpcException(Status status)
        : base(status.ToString())
    {
        Status = status;
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;
}
