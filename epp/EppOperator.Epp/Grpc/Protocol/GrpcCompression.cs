using System.Buffers;
using System.IO.Compression;

namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>
/// Message compression: gzip is read (grpc-dotnet and grpc-go accept it by default); this implementation never
/// compresses what it sends. Decompression is bounded by the receive limit so a small compressed frame cannot
/// expand into an unbounded buffer.
/// </summary>
internal static class GrpcCompression
{
    public static bool IsSupported(string encoding) =>
        string.Equals(encoding, GrpcProtocolConstants.GzipEncoding, StringComparison.Ordinal)
        || string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.Ordinal);

    public static Status UnsupportedEncodingStatus(string encoding) =>
        new(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocolConstants.SupportedEncodings}");

    /// <exception cref="RpcException">The data is not valid gzip, or expands beyond <paramref name="maxMessageSize"/>.</exception>
    public static byte[] Decompress(ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        try
        {
            // Compressed messages are rare here (nothing this project sends compresses), so a copy is acceptable.
            using var source = new MemoryStream(payload.ToArray(), writable: false);
            using var gzip = new GZipStream(source, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (output.Length + read > maxMessageSize)
                    {
                        throw new RpcException(GrpcMessageDecoder.MessageTooLarge);
                    }

                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw new RpcException(GrpcMessageDecoder.DecompressionFailed);
        }
    }
}
