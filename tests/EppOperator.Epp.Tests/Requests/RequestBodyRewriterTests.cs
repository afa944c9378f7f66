using System.Text;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class RequestBodyRewriterTests
{
    // The reference vectors (epp-protocol.md §7): 76 bytes for my-model-12345, 84 for rewritten-model with the
    // longer prompt field order; the spliced body equals the Go re-encoding because the input keys are sorted.
    [TestCase("""{"max_tokens":100,"model":"my-model","prompt":"test1","temperature":0}""", "my-model-12345", """{"max_tokens":100,"model":"my-model-12345","prompt":"test1","temperature":0}""")]
    [TestCase("""{"model": "a", "prompt": "x"}""", "b<&>", """{"model": "b\u003C\u0026\u003E", "prompt": "x"}""")]
    [TestCase("""{"prompt":"x","model":"a"}""", "longer-name", """{"prompt":"x","model":"longer-name"}""")]
    public void ReplaceModel_SplicesOnlyTheModelToken(string json, string model, string expected)
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(json);
        OpenAiRequestParser.TryParse(body, RequestKind.Completions, out var parsed, out _);

        // Act
        var rewritten = RequestBodyRewriter.ReplaceModel(body, parsed, model);

        // Assert
        Assert.That(Encoding.UTF8.GetString(rewritten), Is.EqualTo(expected));
    }

    [Test]
    public void ReplaceModel_ReferenceVector_Is76Bytes()
    {
        var body = """{"max_tokens":100,"model":"my-model","prompt":"test1","temperature":0}"""u8.ToArray();
        OpenAiRequestParser.TryParse(body, RequestKind.Completions, out var parsed, out _);

        Assert.That(RequestBodyRewriter.ReplaceModel(body, parsed, "sql-lora-1fdg2"), Has.Length.EqualTo(76));
    }
}
