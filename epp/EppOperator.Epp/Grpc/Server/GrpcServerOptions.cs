using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Epp.Grpc.Server;

/// <summary>Per-server call options; defaults match grpc-dotnet's.</summary>
internal sealed record GrpcServerOptions
{
    /// <summary>Largest request message accepted (after decompression); larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocolConstants.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message a handler may send; null means unlimited.</summary>
    public int? MaxSendMessageSize { get; init; }

    /// <summary>Put the exception text of an unexpected handler failure into <c>grpc-message</c> (off: it may leak internals).</summary>
    public bool EnableDetailedErrors { get; init; }
}
