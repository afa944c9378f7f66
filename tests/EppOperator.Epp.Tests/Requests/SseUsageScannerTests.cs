using System.Text;
using EppOperator.Epp.Requests;

namespace EppOperator.Epp.Tests.Requests;

[TestFixture]
public sealed class SseUsageScannerTests
{
    private const string Stream =
        "data: {\"choices\":[{\"text\":\"a\"}],\"usage\":null}\n\n" +
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10,\"prompt_tokens_details\":{\"cached_tokens\":2}}}\r\n\r\n" +
        "data: [DONE]\n\n";

    [Test]
    public void Append_EverySplitPoint_FindsUsage()
    {
        // A usage line cut anywhere (even inside "data:" or a number) must still parse: the reference loses it.
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var split = 0; split <= bytes.Length; split++)
        {
            // Arrange
            var scanner = new SseUsageScanner();

            // Act
            scanner.Append(bytes.AsSpan(0, split));
            scanner.Append(bytes.AsSpan(split));
            scanner.Complete();

            // Assert
            Assert.That(scanner.Usage, Is.EqualTo(new ResponseUsage(7, 3, 10, 2)), $"split at {split}");
        }
    }

    [Test]
    public void Append_ByteByByte_FindsUsage()
    {
        var scanner = new SseUsageScanner();

        foreach (var b in Encoding.UTF8.GetBytes(Stream)) scanner.Append([b]);

        Assert.That(scanner.Usage?.PromptTokens, Is.EqualTo(7));
    }

    [Test]
    public void Append_ContinuousUsage_LatestWins()
    {
        var scanner = new SseUsageScanner();

        scanner.Append("data: {\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\ndata: {\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}\n\n"u8);

        Assert.That(scanner.Usage?.CompletionTokens, Is.EqualTo(9));
    }

    [Test]
    public void Complete_FinalLineWithoutNewline_Counts()
    {
        var scanner = new SseUsageScanner();

        scanner.Append("data:{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"u8);
        Assert.That(scanner.Usage, Is.Null);
        scanner.Complete();

        Assert.That(scanner.Usage?.TotalTokens, Is.EqualTo(2));
    }

    [Test]
    public void Append_OverlongLine_SkippedWithoutGrowingAndNextLineParsed()
    {
        var scanner = new SseUsageScanner();
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'x');

        for (var i = 0; i < 20; i++) scanner.Append(chunk);
        scanner.Append("\ndata: {\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}\n"u8);

        Assert.That(scanner.Usage?.TotalTokens, Is.EqualTo(7));
    }

    [Test]
    public void Append_ResponsesApiCompletedEvent_ReadsNestedUsage()
    {
        var scanner = new SseUsageScanner();

        scanner.Append("event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}}\n\n"u8);

        Assert.That(scanner.Usage, Is.EqualTo(new ResponseUsage(12, 5, 17, 0)));
    }
}
