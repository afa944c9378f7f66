namespace EppOperator.Epp.Requests;

/// <summary>
/// Why a request was answered by the EPP itself instead of being routed. The names appear verbatim in the
/// response body (<c>inference error: &lt;Code&gt; - &lt;message&gt;</c>) and in the <c>error_code</c> metric label,
/// as in the reference EPP.
/// </summary>
internal enum InferenceErrorCode
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ResourceExhausted,
    Internal,
    ServiceUnavailable,
}
