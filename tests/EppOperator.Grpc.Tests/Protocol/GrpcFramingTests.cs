using System.Buffers;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Grpc.Tests.Protocol;

[TestFixture]
public sealed class GrpcFramingTests
{
    [Test]
    public void TryReadHeader_CompleteHeader_ReadsFlagAndBigEndianLength()
    {
        // Arrange
        var bytes = new byte[]
        {
            0x00, // compressed flag = 0
            0x00, 0x01, 0x02, 0x03, // length = 0x00010203 = 66051
        };

        // Act
        var read = GrpcFraming.TryReadHeader(new ReadOnlySequence<byte>(bytes), out var header);

        // Assert
        Assert.That(read, Is.True);
        Assert.That(header, Is.EqualTo(new GrpcFrameHeader(0, 66051)));
        Assert.That(header.IsCompressed, Is.False);
        Assert.That(header.HasValidFlag, Is.True);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4)]
    public void TryReadHeader_FewerThanFiveBytes_NeedsMore(int available)
    {
        // Arrange
        var bytes = new byte[] { 0x00, 0x00, 0x00, 0x00, 0x01 }[..available];

        // Act
        var read = GrpcFraming.TryReadHeader(new ReadOnlySequence<byte>(bytes), out _);

        // Assert
        Assert.That(read, Is.False);
    }

    [Test]
    public void TryReadHeader_HeaderSplitAcrossSegments_ReadsIt()
    {
        // Arrange
        var sequence = Segments(
            [
                0x01, // compressed flag = 1
                0x00, // length, first byte
            ],
            [
                0x00, 0x00, 0x10, // length = 16
                0xAA, // first payload byte
            ]);

        // Act
        var read = GrpcFraming.TryReadHeader(sequence, out var header);

        // Assert
        Assert.That(read, Is.True);
        Assert.That(header, Is.EqualTo(new GrpcFrameHeader(1, 16)));
        Assert.That(header.IsCompressed, Is.True);
    }

    [Test]
    public void TryReadHeader_LengthAboveInt32_ReportedUnsigned()
    {
        // Arrange
        var bytes = new byte[]
        {
            0x00, // compressed flag = 0
            0xFF, 0xFF, 0xFF, 0xFF, // length = 4294967295
        };

        // Act
        GrpcFraming.TryReadHeader(new ReadOnlySequence<byte>(bytes), out var header);

        // Assert
        Assert.That(header.Length, Is.EqualTo(uint.MaxValue));
    }

    [Test]
    public void WriteHeader_Length_WritesFlagThenBigEndianLength()
    {
        // Arrange
        var destination = new byte[5];

        // Act
        GrpcFraming.WriteHeader(destination, compressed: false, 0x01020304);

        // Assert
        Assert.That(destination, Is.EqualTo(new byte[]
        {
            0x00, // compressed flag = 0
            0x01, 0x02, 0x03, 0x04, // length
        }));
    }

    [Test]
    public void TryReadMessage_TwoFramesBuffered_TakesFirstAndLeavesSecond()
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(new byte[]
        {
            0x00, // compressed flag = 0
            0x00, 0x00, 0x00, 0x02, // length = 2
            0x08, 0x01, // field 1 varint = 1
            0x00, // second frame: compressed flag = 0
            0x00, 0x00, 0x00, 0x00, // length = 0
        });

        // Act
        var first = GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, null, out var payload);

        // Assert
        Assert.That(first, Is.True);
        Assert.That(payload.ToArray(), Is.EqualTo(new byte[] { 0x08, 0x01 }));
        Assert.That(buffer.Length, Is.EqualTo(5));
        Assert.That(GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, null, out var empty), Is.True);
        Assert.That(empty.Length, Is.Zero);
        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void TryReadMessage_PayloadStillArriving_NeedsMoreWithoutConsuming()
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(new byte[]
        {
            0x00, // compressed flag = 0
            0x00, 0x00, 0x00, 0x04, // length = 4
            0x01, 0x02, // only two of four payload bytes so far
        });

        // Act
        var read = GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, null, out _);

        // Assert
        Assert.That(read, Is.False);
        Assert.That(buffer.Length, Is.EqualTo(7));
    }

    [Test]
    public void TryReadMessage_LengthOverLimit_ResourceExhaustedBeforePayloadArrives()
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(new byte[]
        {
            0x00, // compressed flag = 0
            0x00, 0x50, 0x00, 0x00, // length = 5 MiB, none of it buffered
        });

        // Act
        var error = Assert.Throws<RpcException>(() => GrpcMessageDecoder.TryReadMessage(ref buffer, 4 * 1024 * 1024, null, out _));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [TestCase((byte)0x02)]
    [TestCase((byte)0x80)]
    [TestCase((byte)0xFF)]
    public void TryReadMessage_CompressedFlagNotZeroOrOne_Internal(byte flag)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(new byte[]
        {
            flag, // compressed flag: invalid
            0x00, 0x00, 0x00, 0x00, // length = 0
        });

        // Act
        var error = Assert.Throws<RpcException>(() => GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, null, out _));

        // Assert
        Assert.That(error!.Status, Is.EqualTo(GrpcMessageDecoder.InvalidCompressedFlag));
    }

    [TestCase(null, 13)]
    [TestCase("identity", 13)]
    [TestCase("br", 12)]
    public void TryReadMessage_CompressedWithoutUsableEncoding_Rejected(string? encoding, int expected)
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(new byte[]
        {
            0x01, // compressed flag = 1
            0x00, 0x00, 0x00, 0x01, // length = 1
            0x00, // payload
        });

        // Act
        var error = Assert.Throws<RpcException>(() => GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, encoding, out _));

        // Assert
        Assert.That((int)error!.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public void TryReadMessage_GzipCompressed_Decompressed()
    {
        // Arrange
        var compressed = Gzip([0x08, 0x2A]);
        var frame = new byte[5 + compressed.Length];
        GrpcFraming.WriteHeader(frame, compressed: true, compressed.Length);
        compressed.CopyTo(frame, 5);
        var buffer = new ReadOnlySequence<byte>(frame);

        // Act
        var read = GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, "gzip", out var payload);

        // Assert
        Assert.That(read, Is.True);
        Assert.That(payload.ToArray(), Is.EqualTo(new byte[] { 0x08, 0x2A }));
    }

    [Test]
    public void TryReadMessage_GzipExpandsBeyondLimit_ResourceExhausted()
    {
        // Arrange: 1 MiB of zeros compresses to about a kilobyte.
        var compressed = Gzip(new byte[1024 * 1024]);
        var frame = new byte[5 + compressed.Length];
        GrpcFraming.WriteHeader(frame, compressed: true, compressed.Length);
        compressed.CopyTo(frame, 5);
        var buffer = new ReadOnlySequence<byte>(frame);

        // Act
        var error = Assert.Throws<RpcException>(() => GrpcMessageDecoder.TryReadMessage(ref buffer, 64 * 1024, "gzip", out _));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    public void TryReadMessage_NotGzipData_Internal()
    {
        // Arrange
        var buffer = new ReadOnlySequence<byte>(new byte[]
        {
            0x01, // compressed flag = 1
            0x00, 0x00, 0x00, 0x03, // length = 3
            0x01, 0x02, 0x03, // not a gzip stream
        });

        // Act
        var error = Assert.Throws<RpcException>(() => GrpcMessageDecoder.TryReadMessage(ref buffer, 1024, "gzip", out _));

        // Assert
        Assert.That(error!.Status, Is.EqualTo(GrpcMessageDecoder.DecompressionFailed));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static ReadOnlySequence<byte> Segments(byte[] first, byte[] second)
    {
        var head = new Segment(first);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory)
        {
            Memory = memory;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
