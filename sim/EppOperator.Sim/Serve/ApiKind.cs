namespace EppOperator.Sim.Serve;

internal enum ApiKind
{
    Completions,
    ChatCompletions,
}
