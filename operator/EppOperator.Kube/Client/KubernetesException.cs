using System.Net;

namespace EppOperator.Kube.Client;

/// <summary>
/// A failed API call: the HTTP status (0 when the server was not reached), the API's machine-readable
/// reason (<c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, <c>Expired</c>, ...) and its message.
/// </summary>
internal sealed class KubernetesException : Exception
{
    public KubernetesException(int statusCode, string reason, string message, KubeStatus? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        Status = status;
    }

    /// <summary>HTTP status code, or 0 when the request never got an answer.</summary>
    public int StatusCode { get; }

    public string Reason { get; }

    /// <summary>The server's Status object, when it sent one.</summary>
    public KubeStatus? Status { get; }

    public bool IsNotFound => StatusCode == (int)HttpStatusCode.NotFound;

    /// <summary>409 because the resourceVersion was stale (not AlreadyExists, which is also 409).</summary>
    public bool IsConflict => StatusCode == (int)HttpStatusCode.Conflict && Reason != KubeReasons.AlreadyExists;

    public bool IsAlreadyExists => StatusCode == (int)HttpStatusCode.Conflict && Reason == KubeReasons.AlreadyExists;

    /// <summary>410: the resourceVersion a watch or continue token refers to has been compacted away.</summary>
    public bool IsGone => StatusCode == (int)HttpStatusCode.Gone || Reason is KubeReasons.Expired or KubeReasons.Gone;

    public bool IsUnreachable => StatusCode == 0;

    public override string ToString() => $"{StatusCode} {Reason}: {Message}";
}
