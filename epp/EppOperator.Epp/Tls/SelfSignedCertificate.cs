using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Epp.Tls;

/// <summary>
/// Generates the certificate a standalone EPP serves when no cert path is given. Unlike the GAIE reference (no SANs)
/// it names localhost, the loopback addresses, the pod IP/hostname and any extra names, so clients that verify
/// hostnames (with this certificate pinned as their root) can connect.
/// </summary>
internal static class SelfSignedCertificate
{
    public static X509Certificate2 Create(SubjectAlternativeNames names, DateTimeOffset now, TimeSpan validity, string commonName = "epp")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerCertificateRequest.Create(commonName, names, key);
        return request.CreateSelfSigned(ServerCertificateRequest.NotBefore(now), now + validity);
    }
}
