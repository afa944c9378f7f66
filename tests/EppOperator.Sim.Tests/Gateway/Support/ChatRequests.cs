using System.Net.Http.Headers;
using System.Text;

namespace EppOperator.Sim.Tests.Gateway.Support;

/// <summary>OpenAI chat requests for the gateway tests.</summary>
internal static class ChatRequests
{
    public static string Body(int maxTokens = 4, bool stream = false, string model = SimPods.Model) =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"what is a pod?"}],"max_tokens":{{maxTokens}},"ignore_eos":true,"stream":{{(stream ? "true" : "false")}}}""";

    public static HttpRequestMessage Post(string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public static string? Pod(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-inference-pod", out var values) ? values.FirstOrDefault() : null;
}
