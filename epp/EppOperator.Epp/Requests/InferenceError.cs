namespace EppOperator.Epp.Requests;

/// <summary>
/// An expected request failure: the EPP answers with an ImmediateResponse carrying <see cref="HttpStatus"/>
/// and <see cref="Body"/>, and the ext_proc stream stays healthy.
/// </summary>
internal sealed record InferenceError(InferenceErrorCode Code, string Message)
{
    public int HttpStatus => Code switch
    {
        InferenceErrorCode.BadRequest => 400,
        InferenceErrorCode.Unauthorized => 401,
        InferenceErrorCode.Forbidden => 403,
        InferenceErrorCode.NotFound => 404,
        InferenceErrorCode.PayloadTooLarge => 413,
        InferenceErrorCode.ResourceExhausted => 429,
        InferenceErrorCode.ServiceUnavailable => 503,
        _ => 500,
    };

    /// <summary>The reference EPP's body format, which clients and dashboards already match on.</summary>
    public string Body => $"inference error: {Code} - {Message}";

    public static InferenceError BadRequest(string message) => new(InferenceErrorCode.BadRequest, message);

    public override string ToString() => Body;
}
