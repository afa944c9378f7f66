using System.Text;
using EppOperator.Sim.Load;

namespace EppOperator.Sim.Tests.Load;

public class SseReaderTests
{
    [Test]
    public async Task ReadAsync_ChatStream_CountsTextChunksAndReadsUsage()
    {
        const string Stream = """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

            data: {"choices":[{"index":0,"delta":{"content":"ab"}}]}

            data: {"choices":[{"index":0,"delta":{"content":"cd"},"finish_reason":"length"}]}

            data: {"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":8}}}

            data: [DONE]


            """;
        var texts = 0;

        var usage = await SseReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stream)), () => texts++, CancellationToken.None);

        Assert.That(texts, Is.EqualTo(2), "the empty role chunk is not a token");
        Assert.That(usage, Is.EqualTo(new StreamUsage(10, 2, 8)));
    }

    [Test]
    public async Task ReadAsync_CompletionStreamWithoutUsage_ReturnsNull()
    {
        const string Stream = "data: {\"choices\":[{\"index\":0,\"text\":\"x\"}]}\n\ndata: [DONE]\n\n";
        var texts = 0;

        var usage = await SseReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stream)), () => texts++, CancellationToken.None);

        Assert.That((texts, usage), Is.EqualTo((1, (StreamUsage?)null)));
    }
}
