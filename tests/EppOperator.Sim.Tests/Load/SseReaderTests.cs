using System.Text;
using EppOperator.Epp.Requests;
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
        Assert.That(usage, Is.EqualTo(new ResponseUsage(10, 2, 12, 8)));
    }

    [Test]
    public async Task ReadAsync_CompletionStreamWithoutUsage_ReturnsNull()
    {
        const string Stream = "data: {\"choices\":[{\"index\":0,\"text\":\"x\"}]}\n\ndata: [DONE]\n\n";
        var texts = 0;

        var usage = await SseReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stream)), () => texts++, CancellationToken.None);

        Assert.That((texts, usage), Is.EqualTo((1, (ResponseUsage?)null)));
    }

    [Test]
    public async Task ReadAsync_ChunksOfUnexpectedShape_CountsNoTextAndKeepsWhatUsageSays()
    {
        const string Stream = """
            data: {"choices":{"text":"not an array"}}

            data: {"choices":["not an object"]}

            data: {"choices":[{"delta":"not an object"}]}

            data: {"choices":[],"usage":{"completion_tokens":3}}

            data: [DONE]


            """;
        var texts = 0;

        var usage = await SseReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stream)), () => texts++, CancellationToken.None);

        Assert.That((texts, usage), Is.EqualTo((0, (ResponseUsage?)new ResponseUsage(0, 3, 3, 0))));
    }

    [Test]
    public void ReadAsync_EventThatIsNotAnObject_ThrowsJsonException()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("data: [1, 2]\n\n"));

        Assert.ThrowsAsync<System.Text.Json.JsonException>(() => SseReader.ReadAsync(stream, () => { }, CancellationToken.None));
    }
}
