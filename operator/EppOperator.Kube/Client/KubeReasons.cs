namespace EppOperator.Kube.Client;

/// <summary>The <c>reason</c> values of meta/v1 Status this code acts on.</summary>
internal static class KubeReasons
{
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Invalid = "Invalid";
    public const string Expired = "Expired";
    public const string Gone = "Gone";
    public const string BadRequest = "BadRequest";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string Timeout = "Timeout";

    /// <summary>Not an API reason: the request got no HTTP answer (refused, DNS, TLS, timeout).</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>Not an API reason: a watch stream went silent longer than the watchdog allows.</summary>
    public const string WatchIdle = "WatchIdle";

    /// <summary>Not an API reason: the server ended a watch stream at once without any event.</summary>
    public const string EmptyWatch = "EmptyWatch";
}
