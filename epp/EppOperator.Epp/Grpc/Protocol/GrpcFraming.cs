using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>Reads and writes the length-prefixed message framing (Length-Prefixed-Message in PROTOCOL-HTTP2.md).</summary>
internal static class GrpcFraming
{
    public const int HeaderSize = 5;

    /// <summary>Reads the prefix at the start of <paramref name="buffer"/>; false while fewer than five bytes have arrived.</summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, out GrpcFrameHeader header)
    {
        if (buffer.Length < HeaderSize)
        {
            header = default;
            return false;
        }

        var first = buffer.FirstSpan;
        if (first.Length >= HeaderSize)
        {
            header = Decode(first);
            return true;
        }

        // The prefix straddles two pipe segments.
        Span<byte> copy = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(copy);
        header = Decode(copy);
        return true;
    }

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>
    /// Writes one uncompressed frame, prefix and serialized <paramref name="message"/>, straight into
    /// <paramref name="writer"/>'s buffer; <paramref name="size"/> is the message's <c>CalculateSize()</c>.
    /// </summary>
    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message, int size)
    {
        var frameSize = HeaderSize + size;
        var span = writer.GetSpan(frameSize);
        WriteHeader(span, compressed: false, size);
        message.WriteTo(span.Slice(HeaderSize, size));
        writer.Advance(frameSize);
    }

    private static GrpcFrameHeader Decode(ReadOnlySpan<byte> bytes) =>
        new(bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]));
}
