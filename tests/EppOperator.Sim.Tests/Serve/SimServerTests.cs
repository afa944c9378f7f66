using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Serve;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Tests.Serve;

public partial class SimServerTests
{
    private const string Model = "base-model";
    private SimServer _server = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await SimServer.StartAsync(new ServeOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Model = Model,
            LoraAdapters = ["sql-lora"],
            PodName = "pod-test",
            Profile = EngineProfiles.H100Llama3_8B.TimeScaled(0.05) with { StepJitter = 0 },
        }, LogLevel.Warning, CancellationToken.None);
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [TestCase(8L * 1024 * 1024)]
    [TestCase(2_147_483_600L)]
    public async Task Completions_DeclaredBodyOverTheLimit_Gets413(long contentLength)
    {
        var status = await RawHttp.StatusLineAsync(_server.Port, RawHttp.TruncatedCompletionsPost(contentLength));

        Assert.That(status, Does.StartWith("HTTP/1.1 413"));
    }

    [Test]
    public async Task ChatCompletions_StreamWithUsage_SendsRoleContentFinishUsageAndDone()
    {
        var body = $$$"""{"model":"{{{Model}}}","messages":[{"role":"system","content":"{{{Words(80)}}}"},{"role":"user","content":"hi"}],"max_tokens":4,"ignore_eos":true,"stream":true,"stream_options":{"include_usage":true}}""";

        using var response = await PostAsync("/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(response.Headers.GetValues("x-inference-pod"), Is.EqualTo(new[] { "pod-test" }));
        Assert.That(response.Headers.GetValues("x-inference-port"), Is.EqualTo(new[] { _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.That(events, Has.All.StartWith("data: "));
        Assert.That(events[^1], Is.EqualTo("data: [DONE]"));
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.That(chunks, Has.Count.EqualTo(1 + 4 + 1), "role chunk, four tokens, usage chunk");
        Assert.That(chunks.Select(c => c.GetProperty("object").GetString()), Has.All.EqualTo("chat.completion.chunk"));
        Assert.That(chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString(), Is.EqualTo("assistant"));
        var content = string.Concat(chunks.Skip(1).Take(4).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.That(content, Has.Length.EqualTo(16));
        Assert.That(chunks[3].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(chunks[4].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
        var usage = chunks[5].GetProperty("usage");
        Assert.That(chunks[5].GetProperty("choices").GetArrayLength(), Is.Zero);
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.EqualTo(4));
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(TextTokenizer.CountTokens(
            ChatTemplate.Render([new ChatMessage("system", Words(80)), new ChatMessage("user", "hi")]))));
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task ChatCompletions_StreamWithoutIncludeUsage_SendsNoUsageChunk()
    {
        var body = $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"hello"}],"max_tokens":2,"ignore_eos":true,"stream":true}""";

        using var response = await PostAsync("/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(text, Does.Not.Contain("\"usage\""));
        Assert.That(text, Does.EndWith("data: [DONE]\n\n"));
    }

    [Test]
    public async Task Completions_NonStreaming_ReturnsTextAndUsageInOneObject()
    {
        var body = $$"""{"model":"{{Model}}","prompt":"{{Words(30)}}","max_tokens":7,"ignore_eos":true}""";

        using var response = await PostAsync("/v1/completions", body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(root.GetProperty("object").GetString(), Is.EqualTo("text_completion"));
        Assert.That(root.GetProperty("choices")[0].GetProperty("text").GetString(), Has.Length.EqualTo(28));
        Assert.That(root.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
        Assert.That(root.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(TextTokenizer.CountTokens(Words(30))));
    }

    [Test]
    public async Task Completions_SamePromptTwice_SecondReportsCachedTokens()
    {
        var prompt = Guid.NewGuid().ToString("N") + " " + Words(200);
        var body = $$"""{"model":"{{Model}}","prompt":"{{prompt}}","max_tokens":1}""";

        using var first = await PostAsync("/v1/completions", body);
        var firstCached = CachedTokens(await first.Content.ReadAsStringAsync());
        using var second = await PostAsync("/v1/completions", body);
        var secondCached = CachedTokens(await second.Content.ReadAsStringAsync());

        Assert.That(firstCached, Is.Zero);
        Assert.That(secondCached, Is.EqualTo((TextTokenizer.CountTokens(prompt) - 1) / 16 * 16));
    }

    [Test]
    public async Task ChatCompletions_NonStreamingOnAdapter_ServesTheAdapterByName()
    {
        var body = """{"model":"sql-lora","messages":[{"role":"user","content":[{"type":"text","text":"select"}]}],"max_tokens":3,"ignore_eos":true}""";

        using var response = await PostAsync("/v1/chat/completions", body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.RootElement.GetProperty("model").GetString(), Is.EqualTo("sql-lora"));
        Assert.That(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Has.Length.EqualTo(12));
    }

    [TestCase("/v1/completions", "{not json", 400, "not valid JSON")]
    [TestCase("/v1/completions", """{"prompt":"x"}""", 400, "'model' is required")]
    [TestCase("/v1/completions", """{"model":"other","prompt":"x"}""", 404, "The model `other` does not exist.")]
    [TestCase("/v1/completions", """{"model":"base-model","prompt":"x","max_tokens":0}""", 400, "'max_tokens' must be a positive integer")]
    [TestCase("/v1/completions", """{"model":"base-model","prompt":"x","max_tokens":40000}""", 400, "maximum context length is 32768")]
    [TestCase("/v1/chat/completions", """{"model":"base-model","messages":[]}""", 400, "'messages' must be a non-empty array")]
    public async Task Post_BadRequest_AnswersWithVllmStyleError(string path, string body, int status, string message)
    {
        using var response = await PostAsync(path, body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(json.RootElement.GetProperty("error").GetProperty("message").GetString(), Does.Contain(message));
        Assert.That(json.RootElement.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(status));
    }

    [Test]
    public async Task Models_Get_ListsTheBaseModelAndItsAdapters()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/v1/models"));

        var data = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.That(data.Select(m => m.GetProperty("id").GetString()), Is.EqualTo(new[] { Model, "sql-lora" }));
        Assert.That(data[1].GetProperty("parent").GetString(), Is.EqualTo(Model));
    }

    [Test]
    public async Task Health_Get_IsOk()
    {
        using var response = await _client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Completions_OverH2c_IsServedOnTheSamePort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent($$"""{"model":"{{Model}}","prompt":"over h2c","max_tokens":2,"ignore_eos":true}""", Encoding.UTF8, "application/json"),
        };

        using var response = await _client.SendAsync(request);

        Assert.That(response.Version, Is.EqualTo(HttpVersion.Version20));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Metrics_AfterRequests_AreParseableWithVllmNamesAndValues()
    {
        using (await PostAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"{{Words(40)}}","max_tokens":3,"ignore_eos":true}""")) { }

        var text = await _client.GetStringAsync("/metrics");
        var samples = ParseExposition(text);

        Assert.That(samples.Keys.Select(k => k.Split('{')[0]).Distinct(), Is.SupersetOf(new[]
        {
            "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
            "vllm:cache_config_info", "vllm:lora_requests_info", "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total",
            "vllm:time_to_first_token_seconds_bucket", "vllm:inter_token_latency_seconds_bucket", "vllm:e2e_request_latency_seconds_count",
        }));
        Assert.That(samples.Keys, Has.Some.Contains("block_size=\"16\"").And.Some.Contains("num_gpu_blocks=\"31250\""));
        Assert.That(samples.Keys, Has.Some.Contains("max_lora=\"1\""));
        Assert.That(samples[$"vllm:prefix_cache_queries_total{{model_name=\"{Model}\"}}"], Is.GreaterThan(0));
        Assert.That(samples[$"vllm:time_to_first_token_seconds_count{{model_name=\"{Model}\"}}"],
            Is.EqualTo(samples[$"vllm:time_to_first_token_seconds_bucket{{le=\"+Inf\",model_name=\"{Model}\"}}"]));
    }

    [Test]
    public async Task ChatCompletions_ClientGoesAwayMidStream_RequestLeavesTheBatch()
    {
        var body = $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"long answer please"}],"max_tokens":20000,"ignore_eos":true,"stream":true}""";
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        using (var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.ReadAtLeastAsync(new byte[64], 16);
        }

        // Disposing the response aborted the exchange; poll until the engine has dropped the sequence.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        double running;
        do
        {
            running = ParseExposition(await _client.GetStringAsync("/metrics"))[$"vllm:num_requests_running{{model_name=\"{Model}\"}}"];
            if (running == 0) break;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.That(running, Is.Zero);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _client.PostAsync(path, content);
    }

    private static int CachedTokens(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
    }

    private static string Words(int tokens) => string.Concat(Enumerable.Range(0, tokens).Select(i => (char)('a' + i % 26) + "bc "));

    /// <summary>Sample lines as "name{labels}" → value; throws on any line that is not valid exposition text.</summary>
    private static Dictionary<string, double> ParseExposition(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal)) continue;
            var match = SampleLine().Match(line);
            if (!match.Success) throw new FormatException("not a sample line: " + line);
            var value = match.Groups["value"].Value;
            samples[match.Groups["series"].Value] = value == "+Inf" ? double.PositiveInfinity : double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex("""^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})?) (?<value>\S+)$""")]
    private static partial Regex SampleLine();
}
