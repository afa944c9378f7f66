namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>Wire names and fixed values of the gRPC-over-HTTP/2 protocol (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocolConstants
{
    public const string GrpcContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string MessageEncodingHeader = "grpc-encoding";
    public const string MessageAcceptEncodingHeader = "grpc-accept-encoding";
    public const string TeHeader = "te";
    public const string TrailersValue = "trailers";
    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";

    /// <summary>The encodings this implementation can read, as advertised in <c>grpc-accept-encoding</c>.</summary>
    public const string SupportedEncodings = "identity,gzip";

    public const string Http2Protocol = "HTTP/2";

    /// <summary>Default receive limit, as grpc-dotnet and grpc-go: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// The spec allows at most eight digits in a timeout value; the longest is 99,999,999 hours, far beyond what a
    /// timer can hold, so deadlines are capped at this many seconds instead.
    /// </summary>
    public const long MaxTimeoutSeconds = 99_999_999;

    /// <summary>Decimal text of every status code, so writing a status never formats an integer.</summary>
    private static readonly string[] StatusCodeText = Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static string ToTrailerString(this StatusCode code)
    {
        var value = (int)code;
        return (uint)value < (uint)StatusCodeText.Length ? StatusCodeText[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Headers that belong to the transport and never reach a handler as metadata (grpc-dotnet filters the same set).
    /// </summary>
    public static bool IsFilteredHeader(string name) =>
        name.Length > 0 && name[0] == ':'
        || name is "content-type" or "te" or "host" or "grpc-timeout" or "grpc-encoding" or "grpc-accept-encoding";
}
