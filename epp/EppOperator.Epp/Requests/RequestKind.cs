namespace EppOperator.Epp.Requests;

/// <summary>The OpenAI API a request targets, from the suffix of its path.</summary>
internal enum RequestKind
{
    Completions,
    ChatCompletions,
    Responses,
    Conversations,
    Embeddings,
}
