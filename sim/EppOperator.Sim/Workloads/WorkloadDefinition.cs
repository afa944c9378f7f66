namespace EppOperator.Sim.Workloads;

/// <summary>
/// One traffic shape, as written in a workload YAML file (camelCase keys, unknown keys are an error). Prompts are
/// built like inference-perf's shared-prefix generator: groups share a system context, each request adds a
/// question, and the response length is fixed per request (<c>ignore_eos</c>).
/// </summary>
internal sealed record WorkloadDefinition
{
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>Engine profile the simulated pods run (see <c>EngineProfiles</c>).</summary>
    public string Profile { get; init; } = "h100-llama3-8b";

    public string Model { get; init; } = "meta-llama/Llama-3.1-8B-Instruct";

    /// <summary><c>chat</c> (system + user messages) or <c>completions</c> (system text + question as one prompt).</summary>
    public string Api { get; init; } = "chat";

    /// <summary>Groups sharing a system context, for a fleet of 8 pods; scaled in proportion to the pod count.</summary>
    public int Groups { get; init; } = 10;

    public int UsersPerGroup { get; init; } = 10;

    public TokenDistribution SystemTokens { get; init; } = TokenDistribution.Fixed(100);

    public TokenDistribution QuestionTokens { get; init; } = TokenDistribution.Fixed(50);

    public TokenDistribution OutputTokens { get; init; } = TokenDistribution.Fixed(50);

    /// <summary><c>fresh</c>: every request asks a new question; <c>per-user</c>: each user repeats its own
    /// question (inference-perf's fixed prompt set).</summary>
    public string Questions { get; init; } = "fresh";

    /// <summary><c>random</c>: each request picks a user uniformly; <c>cycle</c>: all users shuffled once, then
    /// visited in that fixed order (inference-perf).</summary>
    public string Order { get; init; } = "random";

    public ArrivalDefinition Arrival { get; init; } = new();

    /// <summary>Requests arriving before this are served but not measured (caches warm up).</summary>
    public double WarmupSeconds { get; init; } = 10;

    public double DurationSeconds { get; init; } = 60;

    /// <summary>Offered loads of the sweep, as fractions of the fleet capacity (<c>CapacityProbe</c>).</summary>
    public List<double> Loads { get; init; } = [0.5, 0.8, 1.0];

    /// <summary>The load of the headline comparison (its full table and the TTFT CDF).</summary>
    public double HeadlineLoad { get; init; } = 0.8;

    public bool FreshQuestions => Questions == "fresh";

    public int GroupsFor(int pods) => Math.Max(1, (int)Math.Round(Groups * pods / 8.0));

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) return "name is required";
        if (Api is not ("chat" or "completions")) return "api must be chat or completions";
        if (Groups < 1 || UsersPerGroup < 1) return "groups and usersPerGroup must be at least 1";
        if (Questions is not ("fresh" or "per-user")) return "questions must be fresh or per-user";
        if (Order is not ("random" or "cycle")) return "order must be random or cycle";
        if (WarmupSeconds < 0 || DurationSeconds <= 0) return "warmupSeconds must be >= 0 and durationSeconds > 0";
        if (Loads.Count == 0 || Loads.Any(l => l <= 0)) return "loads must be a non-empty list of positive fractions";
        if (HeadlineLoad <= 0) return "headlineLoad must be positive";
        return SystemTokens.Validate("systemTokens") ?? QuestionTokens.Validate("questionTokens")
            ?? OutputTokens.Validate("outputTokens") ?? Arrival.Validate();
    }
}
