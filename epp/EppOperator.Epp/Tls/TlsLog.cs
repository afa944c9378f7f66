using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tls;

/// <summary>Certificate loading and rotation events.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(EventId = 101, EventName = "CertificateLoaded", Level = LogLevel.Information,
        Message = "Serving TLS certificate '{Subject}' (thumbprint {Thumbprint}, expires {NotAfter:o}) from '{Directory}'.")]
    public static partial void CertificateLoaded(ILogger logger, string subject, string thumbprint, DateTime notAfter, string directory);

    [LoggerMessage(EventId = 102, EventName = "CertificateReloadFailed", Level = LogLevel.Warning,
        Message = "Could not reload the TLS certificate from '{Directory}'; still serving the previous one.")]
    public static partial void CertificateReloadFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 103, EventName = "SelfSignedCertificateGenerated", Level = LogLevel.Information,
        Message = "No --cert-path given: serving a generated self-signed certificate for {Names} (expires {NotAfter:o}).")]
    public static partial void SelfSignedCertificateGenerated(ILogger logger, SubjectAlternativeNames names, DateTime notAfter);

    [LoggerMessage(EventId = 104, EventName = "CertificateExpired", Level = LogLevel.Warning,
        Message = "The TLS certificate '{Subject}' is not valid now (valid {NotBefore:o} to {NotAfter:o}); clients will reject it.")]
    public static partial void CertificateNotValidNow(ILogger logger, string subject, DateTime notBefore, DateTime notAfter);
}
