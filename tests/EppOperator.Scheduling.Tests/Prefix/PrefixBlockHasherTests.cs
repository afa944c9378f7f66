using System.Buffers.Binary;
using System.Text;
using EppOperator.Epp.Prefix;

namespace EppOperator.Scheduling.Tests.Prefix;

public sealed class PrefixBlockHasherTests
{
    [TestCase(0, 64, 256, 0)]
    [TestCase(63, 64, 256, 0)]
    [TestCase(64, 64, 256, 1)]
    [TestCase(200, 64, 256, 3)]
    [TestCase(1_000_000, 64, 256, 256)]
    [TestCase(100, 20, 256, 5)]
    public void BlockCount_Lengths_DropsPartialTailAndCaps(int length, int blockSize, int maxBlocks, int expected)
    {
        var count = PrefixBlockHasher.BlockCount(length, blockSize, maxBlocks);

        Assert.That(count, Is.EqualTo(expected));
    }

    [Test]
    public void ComputeBlockHashes_TwoBlocks_ChainsModelSeedThroughEachBlock()
    {
        var source = Encoding.ASCII.GetBytes(new string('x', 64) + new string('y', 64) + "tail");
        var hashes = new ulong[8];

        var count = PrefixBlockHasher.ComputeBlockHashes(source, "my-model", 64, hashes);

        var seed = XxHash64.Hash(Encoding.UTF8.GetBytes("my-model"));
        var first = XxHash64.Hash([.. source.AsSpan(0, 64), .. LittleEndian(seed)]);
        var second = XxHash64.Hash([.. source.AsSpan(64, 64), .. LittleEndian(first)]);
        Assert.That(count, Is.EqualTo(2));
        Assert.That(hashes[..2], Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void ComputeBlockHashes_SharedPrefix_SameLeadingHashesThenDiverge()
    {
        var shared = new string('s', 128);
        var a = Encoding.ASCII.GetBytes(shared + new string('a', 64));
        var b = Encoding.ASCII.GetBytes(shared + new string('b', 64));
        var hashesA = new ulong[3];
        var hashesB = new ulong[3];

        PrefixBlockHasher.ComputeBlockHashes(a, "m", 64, hashesA);
        PrefixBlockHasher.ComputeBlockHashes(b, "m", 64, hashesB);

        Assert.That(hashesA[..2], Is.EqualTo(hashesB[..2]));
        Assert.That(hashesA[2], Is.Not.EqualTo(hashesB[2]));
    }

    [Test]
    public void ComputeBlockHashes_SamePromptOtherModel_NoSharedBlock()
    {
        var prompt = Encoding.ASCII.GetBytes(new string('p', 128));
        var one = new ulong[2];
        var other = new ulong[2];

        PrefixBlockHasher.ComputeBlockHashes(prompt, "model-a", 64, one);
        PrefixBlockHasher.ComputeBlockHashes(prompt, "model-b", 64, other);

        Assert.That(one.Intersect(other), Is.Empty);
    }

    [Test]
    public void ComputeBlockHashes_DestinationShorterThanPrompt_WritesOnlyWhatFits()
    {
        var prompt = Encoding.ASCII.GetBytes(new string('p', 64 * 10));
        var hashes = new ulong[4];

        var count = PrefixBlockHasher.ComputeBlockHashes(prompt, "m", 64, hashes);

        Assert.That(count, Is.EqualTo(4));
    }

    [Test]
    public void ComputeBlockHashes_BlockAboveStackLimit_HashesAsSpecified()
    {
        var prompt = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => (char)('a' + (i % 26)))));
        var hashes = new ulong[4];

        var count = PrefixBlockHasher.ComputeBlockHashes(prompt, "m", 1500, hashes);

        var first = XxHash64.Hash([.. prompt.AsSpan(0, 1500), .. LittleEndian(XxHash64.Hash("m"u8))]);
        var second = XxHash64.Hash([.. prompt.AsSpan(1500, 1500), .. LittleEndian(first)]);
        Assert.That(count, Is.EqualTo(2));
        Assert.That(hashes[..2], Is.EqualTo(new[] { first, second }));
    }

    private static byte[] LittleEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
