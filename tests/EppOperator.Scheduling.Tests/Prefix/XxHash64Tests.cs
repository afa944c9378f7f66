using System.Text;
using EppOperator.Epp.Prefix;

namespace EppOperator.Scheduling.Tests.Prefix;

public sealed class XxHash64Tests
{
    private const ulong SanitySeed = 2654435761; // XXH_PRIME32_1, the reference suite's non-zero seed

    // The xxHash reference suite's sanity table (xsum_sanity_check.c): the first N bytes of its generated buffer.
    [TestCase(0, 0UL, 0xEF46DB3751D8E999UL)]
    [TestCase(0, SanitySeed, 0xAC75FDA2929B17EFUL)]
    [TestCase(1, 0UL, 0xE934A84ADB052768UL)]
    [TestCase(1, SanitySeed, 0x5014607643A9B4C3UL)]
    [TestCase(4, 0UL, 0x9136A0DCA57457EEUL)]
    [TestCase(14, 0UL, 0x8282DCC4994E35C8UL)]
    [TestCase(14, SanitySeed, 0xC3BD6BF63DEB6DF0UL)]
    [TestCase(222, 0UL, 0xB641AE8CB691C174UL)]
    [TestCase(222, SanitySeed, 0x20CB8AB7AE10C14AUL)]
    public void Hash_SanityBuffer_MatchesPublishedVector(int length, ulong seed, ulong expected)
    {
        var data = SanityBuffer(length);

        var hash = XxHash64.Hash(data, seed);

        Assert.That(hash, Is.EqualTo(expected));
    }

    [TestCase("", 0xEF46DB3751D8E999UL)]
    [TestCase("a", 0xD24EC4F1A98C6E5BUL)]
    [TestCase("abc", 0x44BC2CF5AD770999UL)]
    public void Hash_AsciiString_MatchesPublishedVector(string text, ulong expected)
    {
        var hash = XxHash64.Hash(Encoding.ASCII.GetBytes(text));

        Assert.That(hash, Is.EqualTo(expected));
    }

    [TestCase("abc", 999, 0x933EB85613976467UL)]
    [TestCase("abcd", 1000, 0x205219D38E8898BCUL)]
    public void Hash_RepeatedPattern_MatchesPublishedVector(string pattern, int repeats, ulong expected)
    {
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(pattern, repeats)));

        var hash = XxHash64.Hash(data);

        Assert.That(hash, Is.EqualTo(expected));
    }

    [TestCase(0)]
    [TestCase(32)]
    [TestCase(64)]
    [TestCase(192)]
    public void HashWithSuffix_StripeMultiple_EqualsHashOfConcatenation(int length)
    {
        var data = SanityBuffer(length);
        const ulong suffix = 0x0123456789ABCDEFUL;

        var hash = XxHash64.HashWithSuffix(data, suffix, SanitySeed);

        var concatenated = data.Concat(BitConverter.GetBytes(suffix)).ToArray();
        Assert.That(hash, Is.EqualTo(XxHash64.Hash(concatenated, SanitySeed)));
    }

    [Test]
    public void HashWithSuffix_PartialStripe_Rejected()
    {
        Assert.That(() => XxHash64.HashWithSuffix(new byte[20], 1), Throws.ArgumentException);
    }

    // byteGen starts at PRIME32_1; each byte is its top 8 bits, then it is multiplied by PRIME64_1.
    private static byte[] SanityBuffer(int length)
    {
        var buffer = new byte[length];
        ulong generator = SanitySeed;
        for (var i = 0; i < length; i++)
        {
            buffer[i] = (byte)(generator >> 56);
            generator *= 11400714785074694797UL;
        }

        return buffer;
    }
}
