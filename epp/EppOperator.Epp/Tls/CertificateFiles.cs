using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EppOperator.Epp.Tls;

/// <summary>
/// One read of a cert directory's <c>tls.crt</c> and <c>tls.key</c>: the hash that tells a reload whether anything
/// changed and the certificate are taken from the same bytes, so the files are read once per reload and a rotation
/// between two reads cannot pair one version's hash with another's certificate.
/// </summary>
internal sealed class CertificateFiles
{
    private readonly byte[] _certificate;
    private readonly byte[] _privateKey;

    private CertificateFiles(byte[] certificate, byte[] privateKey)
    {
        _certificate = certificate;
        _privateKey = privateKey;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(certificate);
        hash.AppendData(privateKey);
        Hash = hash.GetHashAndReset();
    }

    /// <summary>SHA-256 over both files' bytes.</summary>
    public byte[] Hash { get; }

    /// <exception cref="InvalidOperationException">A file is missing.</exception>
    public static CertificateFiles Read(string directory)
    {
        var certPath = Path.Combine(directory, ServerCertificateProvider.CertificateFileName);
        var keyPath = Path.Combine(directory, ServerCertificateProvider.PrivateKeyFileName);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            throw new InvalidOperationException($"'{directory}' must contain {ServerCertificateProvider.CertificateFileName} and {ServerCertificateProvider.PrivateKeyFileName}.");
        }

        return new CertificateFiles(File.ReadAllBytes(certPath), File.ReadAllBytes(keyPath));
    }

    /// <exception cref="InvalidOperationException">The files are not a PEM certificate and its matching private key.</exception>
    public X509Certificate2 CreateCertificate(string directory)
    {
        try
        {
            // A byte-order mark, if any, is text before the PEM label, which the PEM reader skips.
            return X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(_certificate), Encoding.UTF8.GetString(_privateKey));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{ServerCertificateProvider.CertificateFileName} and {ServerCertificateProvider.PrivateKeyFileName} in '{directory}' are not a valid PEM certificate and matching private key: {ex.Message}", ex);
        }
    }
}
