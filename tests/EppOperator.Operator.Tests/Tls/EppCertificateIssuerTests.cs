using System.Security.Cryptography.X509Certificates;
using System.Text;
using EppOperator.Epp.Tls;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Tests.Planning;
using EppOperator.Operator.Tls;

namespace EppOperator.Operator.Tests.Tls;

public class EppCertificateIssuerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly OperatorSettings Settings = new();

    [Test]
    public void Ensure_NoSecret_IssuesACertificateWithTheServiceNamesChainedToTheCa()
    {
        // Arrange
        using var ca = CertificateAuthority.Create("test CA", T0, TimeSpan.FromDays(3650));

        // Act
        var (secret, renewAt, issued) = EppCertificateIssuer.Ensure(PoolIntentResolverTests.Pool(null, []), "vllm-epp", ca, existing: null, Settings, T0);

        // Assert
        Assert.That(issued, Is.True);
        Assert.That(secret.Type, Is.EqualTo("kubernetes.io/tls"));
        using var certificate = X509Certificate2.CreateFromPem(Decode(secret.Data!["tls.crt"]));
        Assert.That(certificate.MatchesHostname("vllm-epp.models.svc"), Is.True);
        Assert.That(certificate.MatchesHostname("vllm-epp.models.svc.cluster.local"), Is.True);
        Assert.That(certificate.MatchesHostname("other.models.svc"), Is.False);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(Decode(secret.Data["ca.crt"])));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = (T0 + TimeSpan.FromDays(1)).UtcDateTime;
        Assert.That(chain.Build(certificate), Is.True, "the data plane can verify it with ca.crt");
        Assert.That(renewAt, Is.EqualTo(T0 + Settings.CertificateValidity - Settings.CertificateRenewBefore).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Ensure_ValidSecret_IsKeptUntilRenewalIsDue()
    {
        // Arrange
        using var ca = CertificateAuthority.Create("test CA", T0, TimeSpan.FromDays(3650));
        var pool = PoolIntentResolverTests.Pool(null, []);
        var (first, renewAt, _) = EppCertificateIssuer.Ensure(pool, "vllm-epp", ca, null, Settings, T0);

        // Act
        var (kept, _, reissuedEarly) = EppCertificateIssuer.Ensure(pool, "vllm-epp", ca, first, Settings, renewAt - TimeSpan.FromMinutes(1));
        var (rotated, _, reissuedLate) = EppCertificateIssuer.Ensure(pool, "vllm-epp", ca, first, Settings, renewAt + TimeSpan.FromMinutes(1));

        // Assert
        Assert.That(reissuedEarly, Is.False);
        Assert.That(kept.Data, Is.EqualTo(first.Data));
        Assert.That(reissuedLate, Is.True);
        Assert.That(rotated.Data!["tls.crt"], Is.Not.EqualTo(first.Data!["tls.crt"]));
    }

    [Test]
    public void Ensure_ServiceRenamedOrCaReplaced_Reissues()
    {
        // Arrange
        using var ca = CertificateAuthority.Create("test CA", T0, TimeSpan.FromDays(3650));
        using var otherCa = CertificateAuthority.Create("other CA", T0, TimeSpan.FromDays(3650));
        var pool = PoolIntentResolverTests.Pool(null, []);
        var (first, _, _) = EppCertificateIssuer.Ensure(pool, "vllm-epp", ca, null, Settings, T0);

        // Act / Assert
        Assert.That(EppCertificateIssuer.Ensure(pool, "renamed-epp", ca, first, Settings, T0).Issued, Is.True);
        Assert.That(EppCertificateIssuer.Ensure(pool, "vllm-epp", otherCa, first, Settings, T0).Issued, Is.True);
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
