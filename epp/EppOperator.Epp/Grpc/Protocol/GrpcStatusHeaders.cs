using Microsoft.AspNetCore.Http;

namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>The <c>grpc-status</c> / <c>grpc-message</c> pair that ends every call.</summary>
internal static class GrpcStatusHeaders
{
    /// <summary>Writes the status, replacing any earlier values of the same names (the final status wins).</summary>
    public static void Write(IHeaderDictionary destination, Status status)
    {
        destination[GrpcProtocolConstants.StatusTrailer] = status.StatusCode.ToTrailerString();
        if (string.IsNullOrEmpty(status.Detail))
        {
            destination.Remove(GrpcProtocolConstants.MessageTrailer);
        }
        else
        {
            destination[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        }
    }

    /// <summary>Reads a status sent by a peer; false when <c>grpc-status</c> is absent.</summary>
    /// <param name="statusValue">The <c>grpc-status</c> value, if any.</param>
    /// <param name="messageValue">The <c>grpc-message</c> value, if any.</param>
    /// <param name="status">The decoded status; an unparsable code is reported as UNKNOWN.</param>
    public static bool TryParse(string? statusValue, string? messageValue, out Status status)
    {
        if (statusValue is null)
        {
            status = default;
            return false;
        }

        var detail = messageValue is null ? "" : PercentEncoding.Decode(messageValue);
        status = int.TryParse(statusValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, detail)
            : new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{statusValue}'. {detail}".TrimEnd());
        return true;
    }
}
