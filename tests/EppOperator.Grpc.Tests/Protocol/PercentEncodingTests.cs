using EppOperator.Epp.Grpc.Protocol;

namespace EppOperator.Grpc.Tests.Protocol;

[TestFixture]
public sealed class PercentEncodingTests
{
    [TestCase("Hello", "Hello")]
    [TestCase("", "")]
    [TestCase(" !\"#$&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~", " !\"#$&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~")]
    [TestCase("50%", "50%25")]
    [TestCase("line\nbreak", "line%0Abreak")]
    [TestCase("tab\t", "tab%09")]
    [TestCase("\u007F", "%7F")]
    [TestCase("ünicode", "%C3%BCnicode")]
    [TestCase("€", "%E2%82%AC")]
    [TestCase("😀", "%F0%9F%98%80")]
    public void Encode_Message_PrintableAsciiKeptOtherBytesEscaped(string message, string expected)
    {
        // Act
        var encoded = PercentEncoding.Encode(message);

        // Assert
        Assert.That(encoded, Is.EqualTo(expected));
    }

    [TestCase("Hello", "Hello")]
    [TestCase("50%25", "50%")]
    [TestCase("%C3%BCnicode", "ünicode")]
    [TestCase("%c3%bc", "ü")]
    [TestCase("%F0%9F%98%80", "😀")]
    [TestCase("100%", "100%")]
    [TestCase("%G1", "%G1")]
    [TestCase("%4", "%4")]
    [TestCase("%%41", "%A")]
    public void Decode_Message_EscapesDecodedMalformedKept(string value, string expected)
    {
        // Act
        var decoded = PercentEncoding.Decode(value);

        // Assert
        Assert.That(decoded, Is.EqualTo(expected));
    }

    [TestCase("Deadline Exceeded")]
    [TestCase("bad value: 100% \"quoted\"\r\n\u0000 ✓")]
    public void EncodeThenDecode_AnyMessage_RoundTrips(string message)
    {
        // Act
        var roundTripped = PercentEncoding.Decode(PercentEncoding.Encode(message));

        // Assert
        Assert.That(roundTripped, Is.EqualTo(message));
    }

    [Test]
    public void Decode_RawUtf8ReadAsLatin1_RecoversText()
    {
        // Arrange: a peer that skipped the escaping sent raw UTF-8 bytes, which header parsing reads as Latin-1.
        var latin1 = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("%25 ü"));

        // Act
        var decoded = PercentEncoding.Decode(latin1);

        // Assert
        Assert.That(decoded, Is.EqualTo("% ü"));
    }
}
