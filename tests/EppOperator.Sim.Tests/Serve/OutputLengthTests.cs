using EppOperator.Sim.Serve;

namespace EppOperator.Sim.Tests.Serve;

public class OutputLengthTests
{
    private static ServeRequest Request(int? maxTokens, bool ignoreEos) =>
        new(ApiKind.Completions, "m", "p", maxTokens, ignoreEos, Stream: false, IncludeUsage: false);

    [TestCase(1)]
    [TestCase(37)]
    [TestCase(1000)]
    public void Choose_IgnoreEos_ReturnsExactlyMaxTokensForLength(int maxTokens)
    {
        var (tokens, reason) = OutputLength.Choose(Request(maxTokens, ignoreEos: true), promptTokens: 10, maxModelLen: 4096, new Random(1));

        Assert.That((tokens, reason), Is.EqualTo((maxTokens, "length")));
    }

    [TestCase(6)]
    [TestCase(120)]
    [TestCase(500)]
    public void Choose_MaxTokensWithoutIgnoreEos_StaysWithinOneAndTheLimit(int maxTokens)
    {
        var random = new Random(2);

        var draws = Enumerable.Range(0, 2000).Select(_ => OutputLength.Choose(Request(maxTokens, false), 10, 4096, random)).ToList();

        Assert.That(draws.Select(d => d.Tokens), Has.All.InRange(1, maxTokens));
        Assert.That(draws.Where(d => d.Tokens < maxTokens).Select(d => d.FinishReason), Has.All.EqualTo("stop"));
        Assert.That(draws.Where(d => d.Tokens == maxTokens).Select(d => d.FinishReason), Has.All.EqualTo("length"));
    }

    [Test]
    public void Choose_LargeMaxTokens_FollowsTheBucketShares()
    {
        var random = new Random(3);

        var tokens = Enumerable.Range(0, 20_000).Select(_ => OutputLength.Choose(Request(1000, false), 10, 4096, random).Tokens).ToList();

        // Buckets 1-20, 21-40 and 41-60 carry 20%, 30% and 20%; the last 20 tokens carry 15%.
        Assert.That(tokens.Count(t => t <= 20) / 20_000.0, Is.EqualTo(0.20).Within(0.015));
        Assert.That(tokens.Count(t => t is > 20 and <= 40) / 20_000.0, Is.EqualTo(0.30).Within(0.015));
        Assert.That(tokens.Count(t => t > 980) / 20_000.0, Is.EqualTo(0.15).Within(0.015));
    }

    [Test]
    public void Choose_NoMaxTokens_DrawsAroundFortyWithinTheContextLeft()
    {
        var random = new Random(4);

        var tokens = Enumerable.Range(0, 5000).Select(_ => OutputLength.Choose(Request(null, false), 100, 4096, random).Tokens).ToList();

        Assert.That(tokens.Average(), Is.EqualTo(40).Within(2));
        Assert.That(tokens, Has.All.InRange(1, 3996));
    }
}
