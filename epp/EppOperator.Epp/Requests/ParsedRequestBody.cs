namespace EppOperator.Epp.Requests;

/// <summary>
/// What the request path needs from an OpenAI request body, as offsets into the original bytes so nothing is
/// copied: the model string token (for an in-place rewrite) and the prompt-bearing value (for prefix hashing).
/// </summary>
internal readonly record struct ParsedRequestBody
{
    /// <summary>The <c>model</c> value; null for an empty body or <c>{}</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Offset of the model string token, opening quote included.</summary>
    public int ModelTokenStart { get; init; }

    /// <summary>Length of the model string token, both quotes included.</summary>
    public int ModelTokenLength { get; init; }

    public bool Stream { get; init; }

    /// <summary>Offset of the prompt-bearing JSON value (string quotes and array brackets included).</summary>
    public int PromptStart { get; init; }

    public int PromptLength { get; init; }

    /// <summary>
    /// The body carries no inference payload (empty, whitespace, or <c>{}</c>): route it without a model, as the
    /// conformance suite's requests need.
    /// </summary>
    public bool IsEmpty { get; init; }
}
