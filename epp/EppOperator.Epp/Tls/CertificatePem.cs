using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EppOperator.Epp.Tls;

/// <summary>PEM text of a certificate and its key, as stored in a Kubernetes TLS Secret (<c>tls.crt</c>, <c>tls.key</c>).</summary>
internal sealed record CertificatePem(string Certificate, string PrivateKey)
{
    public static CertificatePem Export(X509Certificate2 certificate)
    {
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey()
            ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        using (key)
        {
            return new CertificatePem(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        }
    }

    /// <summary>Writes <c>tls.crt</c> and <c>tls.key</c> into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ServerCertificateProvider.CertificateFileName), Certificate);
        File.WriteAllText(Path.Combine(directory, ServerCertificateProvider.PrivateKeyFileName), PrivateKey);
    }
}
