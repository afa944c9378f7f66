using System.Text;
using EppOperator.Epp.ExtProc;
using Google.Protobuf;

namespace EppOperator.Epp.Tests.ExtProc;

[TestFixture]
public sealed class BodyAccumulatorTests
{
    [Test]
    public void Append_SingleChunk_KeptWithoutCopy()
    {
        using var body = new BodyAccumulator();
        var chunk = ByteString.CopyFromUtf8("{\"a\":1}");

        body.Append(chunk);

        Assert.That(body.SingleChunk, Is.SameAs(chunk));
        Assert.That(Encoding.UTF8.GetString(body.Memory.Span), Is.EqualTo("{\"a\":1}"));
    }

    [Test]
    public void Append_ManyChunks_ConcatenatedInOrder()
    {
        using var body = new BodyAccumulator();
        var parts = Enumerable.Range(0, 50).Select(i => new string((char)('a' + (i % 26)), 1000 + i)).ToList();

        foreach (var part in parts) body.Append(ByteString.CopyFromUtf8(part));
        body.Append(ByteString.Empty);

        Assert.That(body.SingleChunk, Is.Null);
        Assert.That(Encoding.UTF8.GetString(body.Memory.Span), Is.EqualTo(string.Concat(parts)));
    }

    [Test]
    public void Clear_ThenAppend_StartsOver()
    {
        using var body = new BodyAccumulator();
        body.Append(ByteString.CopyFromUtf8("first"));
        body.Append(ByteString.CopyFromUtf8("-second"));

        body.Clear();
        body.Append(ByteString.CopyFromUtf8("third"));

        Assert.That(Encoding.UTF8.GetString(body.Memory.Span), Is.EqualTo("third"));
    }
}
