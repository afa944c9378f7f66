using System.Text;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class ResponseUsageReaderTests
{
    [TestCase("""{"object":"chat.completion","usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}""", 7, 3, 10, 0)]
    [TestCase("""{"object":"text_completion","usage":{"prompt_tokens":7,"completion_tokens":3}}""", 7, 3, 10, 0)]
    [TestCase("""{"usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10,"prompt_tokens_details":{"cached_tokens":4}}}""", 9, 1, 10, 4)]
    [TestCase("""{"usage":{"prompt_tokens":9,"completion_tokens":1,"prompt_token_details":{"cached_tokens":5}}}""", 9, 1, 10, 5)]
    [TestCase("""{"object":"response","usage":{"input_tokens":11,"output_tokens":2,"total_tokens":13,"input_tokens_details":{"cached_tokens":8}}}""", 11, 2, 13, 8)]
    [TestCase("""{"type":"response.completed","response":{"id":"r","usage":{"input_tokens":4,"output_tokens":6}}}""", 4, 6, 10, 0)]
    [TestCase("""{"choices":[{"usage":"not this"}],"usage":{"prompt_tokens":1.0,"completion_tokens":2}}""", 1, 2, 3, 0)]
    public void TryRead_UsageShapes(string json, int prompt, int completion, int total, int cached)
    {
        var ok = ResponseUsageReader.TryRead(Encoding.UTF8.GetBytes(json), out var usage);

        Assert.That(ok, Is.True);
        Assert.That(usage, Is.EqualTo(new ResponseUsage(prompt, completion, total, cached)));
    }

    [TestCase("""{"usage":null}""")]
    [TestCase("""{"choices":[]}""")]
    [TestCase("not json")]
    [TestCase("""{"usage":{"prompt_tokens":1""")]
    [TestCase("")]
    public void TryRead_NoUsage_False(string json) =>
        Assert.That(ResponseUsageReader.TryRead(Encoding.UTF8.GetBytes(json), out _), Is.False);
}
