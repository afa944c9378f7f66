using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class RequestPathsTests
{
    [TestCase("/v1/chat/completions?x=1", "/v1/chat/completions")]
    [TestCase("/v1/completions#frag", "/v1/completions")]
    [TestCase("?only=query", "/v1/completions")]
    [TestCase("", "/v1/completions")]
    [TestCase(null, "/v1/completions")]
    [TestCase("/v1/embeddings", "/v1/embeddings")]
    public void Normalize_StripsQueryAndDefaults(string? raw, string expected) =>
        Assert.That(RequestPaths.Normalize(raw), Is.EqualTo(expected));

    [TestCase("/v1/chat/completions", "ChatCompletions")]
    [TestCase("/tenant/v1/chat/completions/", "ChatCompletions")]
    [TestCase("/v1/completions", "Completions")]
    [TestCase("/v1/responses", "Responses")]
    [TestCase("/v1/conversations", "Conversations")]
    [TestCase("/v1/embeddings", "Embeddings")]
    [TestCase("/", "Completions")]
    [TestCase("/primary", "Completions")]
    public void KindOf_SuffixMatch(string path, string expected) =>
        Assert.That(RequestPaths.KindOf(path).ToString(), Is.EqualTo(expected));
}
