using System.Text;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class OpenAiRequestParserTests
{
    [TestCase("Completions", """{"model":"m","prompt":"hello"}""", "\"hello\"")]
    [TestCase("Completions", """{"prompt":["a","b"],"model":"m"}""", "[\"a\",\"b\"]")]
    [TestCase("Completions", """{"model":"m","prompt":[1,2,3]}""", "[1,2,3]")]
    [TestCase("ChatCompletions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", """[{"role":"user","content":"hi"}]""")]
    [TestCase("ChatCompletions", """{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""", """[{"role":"user","content":[{"type":"text","text":"hi"}]}]""")]
    [TestCase("Responses", """{"model":"m","input":"tell me"}""", "\"tell me\"")]
    [TestCase("Embeddings", """{"model":"m","input":["x","y"]}""", "[\"x\",\"y\"]")]
    [TestCase("Conversations", """{"model":"m","items":[{"type":"message"}]}""", """[{"type":"message"}]""")]
    public void TryParse_ValidBody_SlicesPromptValueZeroCopy(string kindName, string json, string expectedPrompt)
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(json);
        var kind = Enum.Parse<RequestKind>(kindName);

        // Act
        var ok = OpenAiRequestParser.TryParse(body, kind, out var parsed, out var error);

        // Assert
        Assert.That(ok, Is.True, error?.Body);
        Assert.That(parsed.Model, Is.EqualTo("m"));
        Assert.That(Encoding.UTF8.GetString(body, parsed.PromptStart, parsed.PromptLength), Is.EqualTo(expectedPrompt));
        Assert.That(Encoding.UTF8.GetString(body, parsed.ModelTokenStart, parsed.ModelTokenLength), Is.EqualTo("\"m\""));
    }

    [TestCase("""{"model":"m","prompt":"p","stream":true}""", true)]
    [TestCase("""{"model":"m","prompt":"p","stream":false}""", false)]
    [TestCase("""{"model":"m","prompt":"p","stream_options":{"stream":true}}""", false)]
    [TestCase("""{"model":"m","prompt":"p"}""", false)]
    public void TryParse_StreamFlag_ReadOnlyAtTopLevel(string json, bool expected)
    {
        OpenAiRequestParser.TryParse(Encoding.UTF8.GetBytes(json), RequestKind.Completions, out var parsed, out _);

        Assert.That(parsed.Stream, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("  \r\n")]
    [TestCase("{}")]
    [TestCase(" { } ")]
    public void TryParse_NoPayload_IsEmptyAndRoutable(string json)
    {
        var ok = OpenAiRequestParser.TryParse(Encoding.UTF8.GetBytes(json), RequestKind.ChatCompletions, out var parsed, out _);

        Assert.That(ok, Is.True);
        Assert.That(parsed.IsEmpty, Is.True);
        Assert.That(parsed.Model, Is.Null);
    }

    [TestCase("no healthy upstream", "invalid JSON in request body")]
    [TestCase("{\"model\":\"m\",\"prompt\":\"p\"", "invalid JSON in request body")]
    [TestCase("""{"model":"m","prompt":"p"} trailing""", "invalid JSON in request body")]
    [TestCase("[1,2]", "expected a JSON object")]
    [TestCase("""{"prompt":"hello world"}""", "model not found in request body")]
    [TestCase("""{"model":7,"prompt":"x"}""", "model not found in request body")]
    [TestCase("""{"model":null,"prompt":"x"}""", "model not found in request body")]
    [TestCase("""{"model":"m"}""", "missing 'prompt' in completions request")]
    [TestCase("""{"model":"m","prompt":{"a":1}}""", "'prompt' has the wrong type")]
    public void TryParse_BadBody_BadRequestWithReason(string json, string expectedFragment)
    {
        var ok = OpenAiRequestParser.TryParse(Encoding.UTF8.GetBytes(json), RequestKind.Completions, out _, out var error);

        Assert.That(ok, Is.False);
        Assert.That(error!.Code, Is.EqualTo(InferenceErrorCode.BadRequest));
        Assert.That(error.HttpStatus, Is.EqualTo(400));
        Assert.That(error.Body, Does.StartWith("inference error: BadRequest - ").And.Contain(expectedFragment));
    }

    [Test]
    public void TryParse_ChatWithoutMessages_BadRequest()
    {
        var ok = OpenAiRequestParser.TryParse("""{"model":"m","prompt":"x"}"""u8, RequestKind.ChatCompletions, out _, out var error);

        Assert.That(ok, Is.False);
        Assert.That(error!.Message, Is.EqualTo("missing 'messages' in chat completions request"));
    }

    [Test]
    public void TryParse_EscapedModel_ReturnsUnescapedNameAndWholeToken()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"a\"b\u00e9","prompt":"x"}""");

        OpenAiRequestParser.TryParse(body, RequestKind.Completions, out var parsed, out _);

        Assert.That(parsed.Model, Is.EqualTo("a\"bé"));
        Assert.That(Encoding.UTF8.GetString(body, parsed.ModelTokenStart, parsed.ModelTokenLength), Is.EqualTo("\"a\\\"b\\u00e9\""));
    }

    [Test]
    public void TryParse_DuplicateModelKey_LastWinsLikeTheModelServer()
    {
        var body = """{"model":"first","prompt":"x","model":"second"}"""u8.ToArray();

        OpenAiRequestParser.TryParse(body, RequestKind.Completions, out var parsed, out _);

        Assert.That(parsed.Model, Is.EqualTo("second"));
        Assert.That(Encoding.UTF8.GetString(body, parsed.ModelTokenStart, parsed.ModelTokenLength), Is.EqualTo("\"second\""));
    }
}
