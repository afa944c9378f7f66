using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Epp.Tls;

/// <summary>Builds the certificate request for a TLS server: ECDSA P-256, serverAuth, not a CA, with SANs.</summary>
internal static class ServerCertificateRequest
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public static CertificateRequest Create(string commonName, SubjectAlternativeNames names, ECDsa key)
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(names.ToExtension());
        return request;
    }

    /// <summary>A positive 128-bit serial, as RFC 5280 asks certificate issuers for unpredictable serials.</summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    /// <summary>Backdated a little so a peer whose clock runs slightly behind still accepts a fresh certificate.</summary>
    public static DateTimeOffset NotBefore(DateTimeOffset now) => now - TimeSpan.FromMinutes(5);
}
