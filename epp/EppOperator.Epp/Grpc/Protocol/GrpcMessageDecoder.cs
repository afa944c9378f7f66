using System.Buffers;

namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>
/// Takes one complete message off the front of a received byte sequence, enforcing the receive limit and the
/// compression rules. Shared by the server's request reader and the client's response reader, so both ends reject
/// bad input with the same statuses.
/// </summary>
internal static class GrpcMessageDecoder
{
    public static readonly Status IncompleteMessage = new(StatusCode.Internal, "Incomplete message.");
    public static readonly Status AdditionalData = new(StatusCode.Internal, "Additional data after the message received.");
    public static readonly Status MessageTooLarge = new(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.");
    public static readonly Status InvalidCompressedFlag = new(StatusCode.Internal, "Unexpected compressed flag value in message header.");
    public static readonly Status CompressedWithoutEncoding = new(StatusCode.Internal, "Request did not include grpc-encoding value with compressed message.");
    public static readonly Status CompressedWithIdentity = new(StatusCode.Internal, "Request sent 'identity' grpc-encoding value with compressed message.");
    public static readonly Status DecompressionFailed = new(StatusCode.Internal, "Failed to decompress message.");
    public static readonly Status DeserializationFailed = new(StatusCode.Internal, "Failed to deserialize message.");

    /// <summary>
    /// Returns true and the (decompressed) payload when a whole message is buffered, advancing
    /// <paramref name="buffer"/> past it; returns false when more bytes are needed. The size limit is checked on
    /// the prefix, before the payload is buffered, so an oversized message is refused without reading it.
    /// </summary>
    /// <exception cref="RpcException">The frame is malformed, too large or compressed in an unusable way.</exception>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxMessageSize, string? encoding, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (!GrpcFraming.TryReadHeader(buffer, out var header))
        {
            return false;
        }

        if (!header.HasValidFlag)
        {
            throw new RpcException(InvalidCompressedFlag);
        }

        if (header.Length > (uint)maxMessageSize)
        {
            throw new RpcException(MessageTooLarge);
        }

        var frameLength = GrpcFraming.HeaderSize + (long)header.Length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        payload = buffer.Slice(GrpcFraming.HeaderSize, header.Length);
        buffer = buffer.Slice(frameLength);
        if (header.IsCompressed)
        {
            payload = new ReadOnlySequence<byte>(Decompress(payload, encoding, maxMessageSize));
        }

        return true;
    }

    private static byte[] Decompress(ReadOnlySequence<byte> payload, string? encoding, int maxMessageSize)
    {
        if (encoding is null)
        {
            throw new RpcException(CompressedWithoutEncoding);
        }

        if (string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.Ordinal))
        {
            throw new RpcException(CompressedWithIdentity);
        }

        if (!GrpcCompression.IsSupported(encoding))
        {
            // compression.md: an unsupported compression MUST fail with UNIMPLEMENTED naming what is supported.
            throw new RpcException(GrpcCompression.UnsupportedEncodingStatus(encoding));
        }

        return GrpcCompression.Decompress(payload, maxMessageSize);
    }
}
