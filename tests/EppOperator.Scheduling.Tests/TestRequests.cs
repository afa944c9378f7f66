using System.Text;
using System.Text.Json;
using EppOperator.Epp.Requests;

namespace EppOperator.Scheduling.Tests;

internal static class TestRequests
{
    /// <summary>A completions request whose prefix source is the JSON string value of <paramref name="prompt"/>, as the request path slices it.</summary>
    public static InferenceRequest Completion(string prompt = "test1", string model = "my-model", string? targetModel = null) => new()
    {
        RequestId = "test-request-id",
        Kind = RequestKind.Completions,
        Path = "/v1/completions",
        IncomingModel = model,
        TargetModel = targetModel ?? model,
        PrefixSource = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(prompt)),
    };
}
