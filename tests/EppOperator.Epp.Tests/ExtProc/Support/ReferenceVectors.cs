using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>
/// The reference integration vectors (V15 <c>test/integration/epp/hermetic_test.go</c>, summarised in
/// epp-protocol.md §7), ported. Pool: 192.168.1.1–3:8000; objectives sql-lora/my-model/direct-model p2 and
/// sql-lora-sheddable p0; rewrite rule model-to-be-rewritten → rewritten-model.
/// </summary>
internal static class ReferenceVectors
{
    public static readonly string[] Pool = ["192.168.1.1:8000", "192.168.1.2:8000", "192.168.1.3:8000"];

    public static readonly IReadOnlyDictionary<string, RoutingVector> All = new RoutingVector[]
    {
        // Score-based in the reference (.2 wins on queue+kv); round-robin may pick any pool member.
        Llm("queue-and-kv", "test1", "my-model", "my-model-12345"),
        Llm("active-lora", "test2", "sql-lora", "sql-lora-1fdg2"),
        Llm("lora-over-kv", "test3", "sql-lora", "sql-lora-1fdg2"),
        Llm("no-shed-by-default", "test4", "sql-lora-sheddable", "sql-lora-1fdg2"),
        new("split-body-inside-model-name", () =>
        [
            CompletionsHeaders(("hi", "mom"), ("x-request-id", "test-request-id"), ("x-gateway-inference-objective", "sql-lora-sheddable"), ("x-gateway-model-name-rewrite", "sql-lora-1fdg3")),
            RequestBody("""{"max_tokens":100,"model":"sql-lo""", endOfStream: false),
            RequestBody("""ra-sheddable","prompt":"test6","temperature":0}""", endOfStream: true),
        ])
        {
            AllowedEndpoints = Pool,
            ForwardedBody = """{"max_tokens":100,"model":"sql-lora-1fdg3","prompt":"test6","temperature":0}""",
        },
        new("rewrite-rule", () =>
        [
            CompletionsHeaders(("x-request-id", "test-request-id")),
            RequestBody("""{"max_tokens":100,"model":"model-to-be-rewritten","prompt":"test5","temperature":0}""", endOfStream: true),
        ])
        {
            AllowedEndpoints = Pool,
            ForwardedBody = """{"max_tokens":100,"model":"rewritten-model","prompt":"test5","temperature":0}""",
        },
        new("unchanged-model-body-forwarded-as-is", () =>
        [
            CompletionsHeaders(),
            RequestBody("""{ "prompt" : "keep my spacing", "model" : "direct-model" }""", endOfStream: true),
        ])
        {
            AllowedEndpoints = Pool,
            ForwardedBody = """{ "prompt" : "keep my spacing", "model" : "direct-model" }""",
        },
        Subset("subset-all-three", [Pool[0], Pool[1], Pool[2]], Pool),
        Subset("subset-one-despite-load", ["192.168.1.3:8000"], ["192.168.1.3:8000"]),
        Subset("subset-bare-ip-matches-port", ["192.168.1.2"], ["192.168.1.2:8000"]),
        new("subset-no-match-503", () =>
        [
            CompletionsHeaders().WithSubset("192.168.1.99:8000"),
            RequestBody("""{"max_tokens":100,"model":"my-model","prompt":"test1","temperature":0}""", endOfStream: true).WithSubset("192.168.1.99:8000"),
        ])
        {
            ErrorStatus = 503,
            ErrorBody = "inference error: ServiceUnavailable - failed to find endpoint candidates for serving the request",
        },
        new("subset-empty-list-503", () =>
        [
            CompletionsHeaders().WithSubset(),
            RequestBody("""{"model":"my-model","prompt":"x"}""", endOfStream: true).WithSubset(),
        ])
        {
            ErrorStatus = 503,
            ErrorBody = "inference error: ServiceUnavailable - failed to find endpoint candidates for serving the request",
        },
        new("subset-comma-string", () =>
        [
            CompletionsHeaders().WithSubsetString("192.168.1.9:8000, 192.168.1.1:8000"),
            RequestBody("""{"model":"my-model","prompt":"x"}""", endOfStream: true).WithSubsetString("192.168.1.9:8000, 192.168.1.1:8000"),
        ])
        {
            AllowedEndpoints = ["192.168.1.1:8000"],
            ForwardedBody = """{"model":"my-model","prompt":"x"}""",
        },
        new("headers-only", () => [RequestHeaders([(":method", "GET"), (":path", "/v1/models")], endOfStream: true)])
        {
            AllowedEndpoints = Pool,
        },
        new("header-values-in-value-field", () =>
        [
            RequestHeaders([(":path", "/v1/completions"), ("x-gateway-model-name-rewrite", "from-value-field")], valueField: true),
            RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true),
        ])
        {
            AllowedEndpoints = Pool,
            ForwardedBody = """{"model":"from-value-field","prompt":"p"}""",
        },
        new("bad-body-not-json", () => [CompletionsHeaders(), RequestBody("no healthy upstream", endOfStream: true)])
        {
            ErrorStatus = 400,
            ErrorBody = "inference error: BadRequest - invalid JSON in request body: *",
        },
        new("bad-body-no-model", () => [CompletionsHeaders(), RequestBody("""{"prompt":"hello world"}""", endOfStream: true)])
        {
            ErrorStatus = 400,
            ErrorBody = "inference error: BadRequest - model not found in request body",
        },
    }.ToDictionary(v => v.Name);

    /// <summary>The conformance header's vectors: they hold only with the conformance hooks on.</summary>
    public static readonly IReadOnlyDictionary<string, RoutingVector> Conformance = new RoutingVector[]
    {
        new("conformance-header-selects", () =>
        [
            RequestHeaders([(":method", "GET"), (":path", "/"), ("test-epp-endpoint-selection", "192.168.1.2")], endOfStream: true),
        ])
        {
            AllowedEndpoints = ["192.168.1.2:8000"],
        },
        new("conformance-empty-object-body", () =>
        [
            RequestHeaders([(":method", "POST"), (":path", "/"), ("test-epp-endpoint-selection", "192.168.1.3:8000")]),
            RequestBody("{}", endOfStream: true),
        ])
        {
            AllowedEndpoints = ["192.168.1.3:8000"],
            ForwardedBody = "{}",
        },
    }.ToDictionary(v => v.Name);

    private static RoutingVector Llm(string name, string prompt, string model, string target) => new(name, () =>
    [
        CompletionsHeaders(("hi", "mom"), ("x-request-id", "test-request-id"), ("x-gateway-inference-objective", model), ("x-gateway-model-name-rewrite", target)),
        RequestBody($$"""{"max_tokens":100,"model":"{{model}}","prompt":"{{prompt}}","temperature":0}""", endOfStream: true),
    ])
    {
        AllowedEndpoints = Pool,
        ForwardedBody = $$"""{"max_tokens":100,"model":"{{target}}","prompt":"{{prompt}}","temperature":0}""",
    };

    private static RoutingVector Subset(string name, string[] subset, string[] allowed) => new(name, () =>
    [
        CompletionsHeaders(("x-request-id", "test-request-id")).WithSubset(subset),
        RequestBody("""{"max_tokens":100,"model":"my-model","prompt":"test1","temperature":0}""", endOfStream: true).WithSubset(subset),
    ])
    {
        AllowedEndpoints = allowed,
        ForwardedBody = """{"max_tokens":100,"model":"my-model","prompt":"test1","temperature":0}""",
    };
}
