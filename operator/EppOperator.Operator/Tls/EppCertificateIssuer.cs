using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EppOperator.Epp.Tls;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Tls;

/// <summary>
/// Keeps a managed picker's serving certificate: a <c>kubernetes.io/tls</c> Secret with <c>tls.crt</c>,
/// <c>tls.key</c> and <c>ca.crt</c>, issued by the operator CA for the picker Service's DNS names. The existing
/// certificate is kept (so reconciles do not rewrite the Secret) until it nears expiry, the names change or the CA
/// changes; the picker reloads a rotated certificate without restarting.
/// </summary>
internal static class EppCertificateIssuer
{
    public const string NotAfterAnnotation = OperatorConstants.Domain + "/not-after";
    public const string CaFingerprintAnnotation = OperatorConstants.Domain + "/ca-fingerprint";
    public const string NamesAnnotation = OperatorConstants.Domain + "/dns-names";

    /// <summary>The DNS names a client may use for the picker Service.</summary>
    public static IReadOnlyList<string> DnsNames(string service, string ns, string clusterDomain) =>
        [service, $"{service}.{ns}", $"{service}.{ns}.svc", $"{service}.{ns}.svc.{clusterDomain}"];

    /// <summary>
    /// The Secret to apply and when to look again: <paramref name="existing"/>'s certificate when still good, else a
    /// fresh one.
    /// </summary>
    public static (Secret Secret, DateTimeOffset RenewAt, bool Issued) Ensure(
        InferencePoolView pool,
        string service,
        CertificateAuthority ca,
        Secret? existing,
        OperatorSettings settings,
        DateTimeOffset now)
    {
        var names = DnsNames(service, pool.Namespace, settings.ClusterDomain);
        var namesText = string.Join(",", names);
        var fingerprint = ca.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var secret = new Secret { Metadata = ChildMetadata.For(pool, ChildNames.EppTls(pool.Name), "epp"), Type = "kubernetes.io/tls" };
        if (Reusable(existing, namesText, fingerprint, settings, now, out var notAfter))
        {
            secret.Data = new Dictionary<string, string>(existing!.Data!);
            Annotate(secret, notAfter, fingerprint, namesText);
            return (secret, notAfter - settings.CertificateRenewBefore, false);
        }

        using var certificate = ca.IssueServerCertificate(SubjectAlternativeNames.Parse(names), now, settings.CertificateValidity, names[2]);
        var pem = CertificatePem.Export(certificate);
        notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        secret.Data = new Dictionary<string, string>
        {
            ["tls.crt"] = Base64(pem.Certificate),
            ["tls.key"] = Base64(pem.PrivateKey),
            ["ca.crt"] = Base64(ca.Certificate.ExportCertificatePem()),
        };
        Annotate(secret, notAfter, fingerprint, namesText);
        return (secret, notAfter - settings.CertificateRenewBefore, true);
    }

    private static bool Reusable(Secret? existing, string names, string fingerprint, OperatorSettings settings, DateTimeOffset now, out DateTimeOffset notAfter)
    {
        notAfter = default;
        var annotations = existing?.Metadata.Annotations;
        if (existing?.Data is not { } data || annotations is null) return false;
        if (!data.TryGetValue("tls.crt", out var certificateText) || !data.ContainsKey("tls.key") || !data.ContainsKey("ca.crt")) return false;
        if (annotations.GetValueOrDefault(CaFingerprintAnnotation) != fingerprint || annotations.GetValueOrDefault(NamesAnnotation) != names) return false;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(certificateText)));
            notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        return notAfter - settings.CertificateRenewBefore > now;
    }

    private static void Annotate(Secret secret, DateTimeOffset notAfter, string fingerprint, string names)
    {
        secret.Metadata.Annotations![NotAfterAnnotation] = notAfter.UtcDateTime.ToString(KubeTimeConverter.Layout, CultureInfo.InvariantCulture);
        secret.Metadata.Annotations[CaFingerprintAnnotation] = fingerprint;
        secret.Metadata.Annotations[NamesAnnotation] = names;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
