using System.Text;
using System.Text.Json;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Workloads;

public class RequestBodiesTests
{
    private static readonly PlannedRequest Planned = new(0, 0.5, 1, 2, "shared system text", "my question", 7, true);

    [Test]
    public void Build_Chat_BodyCarriesTheMessagesAndStreamOptions()
    {
        var workload = new WorkloadDefinition { Name = "t", Api = "chat", Model = "m" };

        var body = RequestBodies.Build(workload, Planned, stream: true);

        using var json = JsonDocument.Parse(body.Bytes);
        Assert.That(body.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(json.RootElement.GetProperty("max_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(json.RootElement.GetProperty("ignore_eos").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean(), Is.True);
        var messages = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString() + ": " + m.GetProperty("content").GetString());
        Assert.That(messages, Is.EqualTo(new[] { "system: shared system text", "user: my question" }));
    }

    [Test]
    public void Build_Completions_PromptIsSystemTextThenQuestion()
    {
        var workload = new WorkloadDefinition { Name = "t", Api = "completions", Model = "m" };

        var body = RequestBodies.Build(workload, Planned, stream: false);

        Assert.That(body.Path, Is.EqualTo("/v1/completions"));
        using var json = JsonDocument.Parse(body.Bytes);
        Assert.That(json.RootElement.GetProperty("prompt").GetString(), Is.EqualTo("shared system text my question"));
        Assert.That(json.RootElement.GetProperty("stream").GetBoolean(), Is.False);
    }

    [TestCase("chat")]
    [TestCase("completions")]
    public void Build_AnyApi_PromptSliceIsWhatTheEppParserHashes(string api)
    {
        var workload = new WorkloadDefinition { Name = "t", Api = api, Model = "m" };
        var body = RequestBodies.Build(workload, Planned, stream: true);

        var parsedOk = OpenAiRequestParser.TryParse(body.Bytes, api == "chat" ? RequestKind.ChatCompletions : RequestKind.Completions, out var parsed, out _);

        Assert.That(parsedOk, Is.True);
        using var json = JsonDocument.Parse(body.Bytes);
        var promptValue = json.RootElement.GetProperty(api == "chat" ? "messages" : "prompt").GetRawText();
        Assert.That(Encoding.UTF8.GetString(body.Bytes, parsed.PromptStart, parsed.PromptLength), Is.EqualTo(promptValue));
        Assert.That((parsed.Model, parsed.Stream), Is.EqualTo(("m", true)));
    }

    [Test]
    public void ServerPrompt_Chat_AppliesTheChatTemplateSoTheSystemMessageIsAPrefix()
    {
        var workload = new WorkloadDefinition { Name = "t", Api = "chat" };

        var prompt = RequestBodies.ServerPrompt(workload, Planned);

        Assert.That(prompt, Is.EqualTo("<|system|>\nshared system text\n<|user|>\nmy question\n<|assistant|>\n"));
    }
}
