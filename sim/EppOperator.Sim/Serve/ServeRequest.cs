namespace EppOperator.Sim.Serve;

/// <summary>The parts of an OpenAI completion or chat request the simulator acts on.</summary>
internal sealed record ServeRequest(
    ApiKind Kind,
    string Model,
    string PromptText,
    int? MaxTokens,
    bool IgnoreEos,
    bool Stream,
    bool IncludeUsage);
