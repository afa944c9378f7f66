using EppOperator.Epp.Requests;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Bench;

/// <summary>
/// A planned request prepared once for every policy that replays it: the engine-level request (tokens and block
/// hashes of the server-side prompt) and the wire body whose prompt bytes the EPP hashes. Requests repeating a
/// prompt share one body and one token array. Immutable, so policy runs may share it across threads.
/// </summary>
internal sealed class BenchRequest
{
    private readonly RequestBody? _sharedBody;
    private readonly WorkloadDefinition _workload;

    private BenchRequest(WorkloadDefinition workload, PlannedRequest planned, EngineRequest engine, RequestBody? sharedBody)
    {
        _workload = workload;
        Planned = planned;
        Engine = engine;
        _sharedBody = sharedBody;
    }

    public PlannedRequest Planned { get; }

    public EngineRequest Engine { get; }

    public long ArrivalTicks => (long)(Planned.ArrivalSeconds * TimeSpan.TicksPerSecond);

    /// <summary>Prepares every request of <paramref name="plan"/> for a fleet whose pods use <paramref name="blockSize"/>.</summary>
    public static BenchRequest[] Prepare(WorkloadPlan plan, int blockSize)
    {
        var workload = plan.Definition;
        var result = new BenchRequest[plan.Requests.Count];
        var shared = new Dictionary<(int Group, int User), (TokenizedPrompt Tokens, RequestBody Body)>();
        for (var i = 0; i < result.Length; i++)
        {
            var planned = plan.Requests[i];
            TokenizedPrompt tokens;
            RequestBody? body = null;
            if (workload.FreshQuestions)
            {
                tokens = TextTokenizer.Tokenize(RequestBodies.ServerPrompt(workload, planned), blockSize, adapter: null);
            }
            else
            {
                // Users repeat their prompt: tokenize and serialise it once.
                var key = (planned.Group, planned.User);
                if (!shared.TryGetValue(key, out var entry))
                {
                    entry = (TextTokenizer.Tokenize(RequestBodies.ServerPrompt(workload, planned), blockSize, adapter: null),
                        RequestBodies.Build(workload, planned, stream: true));
                    shared[key] = entry;
                }

                (tokens, body) = entry;
            }

            var engine = new EngineRequest
            {
                Id = "req-" + i,
                PromptTokens = tokens.Tokens,
                BlockHashes = tokens.BlockHashes,
                OutputTokens = planned.OutputTokens,
            };
            result[i] = new BenchRequest(workload, planned, engine, body);
        }

        return result;
    }

    /// <summary>The request as the EPP's request path would hand it to the scheduler: the body goes through the
    /// EPP's own OpenAI parser, so the prefix bytes are exactly the ones it hashes in production.
    /// <paramref name="priority"/> is what the request's objective resolved to.</summary>
    public InferenceRequest ToInferenceRequest(DateTimeOffset receivedAt, int priority = 0)
    {
        // Fresh prompts are serialised per use and dropped after: keeping every body alive would cost gigabytes.
        var body = _sharedBody ?? RequestBodies.Build(_workload, Planned, stream: true);
        var kind = body.Path == RequestBodies.ChatPath ? RequestKind.ChatCompletions : RequestKind.Completions;
        if (!OpenAiRequestParser.TryParse(body.Bytes, kind, out var parsed, out var error))
        {
            throw new InvalidOperationException($"the EPP cannot parse a body the workload generator wrote: {error}");
        }

        return new InferenceRequest
        {
            RequestId = Engine.Id,
            Kind = kind,
            Path = body.Path,
            IncomingModel = parsed.Model ?? "",
            TargetModel = parsed.Model ?? "",
            Stream = parsed.Stream,
            PrefixSource = body.Bytes.AsMemory(parsed.PromptStart, parsed.PromptLength),
            ReceivedAt = receivedAt,
            BodyLength = body.Bytes.Length,
            Priority = priority,
        };
    }
}
