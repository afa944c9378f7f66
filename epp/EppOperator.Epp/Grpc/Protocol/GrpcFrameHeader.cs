namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>
/// The 5-byte prefix of every gRPC message: a compressed flag (0 or 1; anything else is a protocol error) and the
/// big-endian payload length.
/// </summary>
internal readonly record struct GrpcFrameHeader(byte CompressedFlag, uint Length)
{
    public bool IsCompressed => CompressedFlag == 1;

    public bool HasValidFlag => CompressedFlag <= 1;
}
