using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Epp.Tls;

/// <summary>
/// A small private CA: creates a root and issues server certificates with SANs (what the operator puts into an
/// EPP's TLS Secret, and what tests use to give independent clients a real chain to verify).
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    private CertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority Create(string commonName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return new CertificateAuthority(request.CreateSelfSigned(ServerCertificateRequest.NotBefore(now), now + validity));
    }

    /// <summary>Loads a CA from PEM text (certificate and PKCS#8 or SEC1 private key).</summary>
    public static CertificateAuthority FromPem(string certificatePem, string privateKeyPem) =>
        new(X509Certificate2.CreateFromPem(certificatePem, privateKeyPem));

    /// <summary>Issues a server certificate valid for <paramref name="names"/>, never outliving the CA.</summary>
    public X509Certificate2 IssueServerCertificate(SubjectAlternativeNames names, DateTimeOffset now, TimeSpan validity, string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerCertificateRequest.Create(commonName, names, key);
        var caKeyId = Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(caKeyId));

        var notAfter = now + validity;
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        using var issued = request.Create(Certificate, ServerCertificateRequest.NotBefore(now), notAfter, ServerCertificateRequest.NewSerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose() => Certificate.Dispose();
}
