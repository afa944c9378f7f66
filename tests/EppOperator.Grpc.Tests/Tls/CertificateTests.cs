using System.Net;
using System.Security.Cryptography.X509Certificates;
using EppOperator.Epp.Tls;

namespace EppOperator.Grpc.Tests.Tls;

[TestFixture]
public sealed class CertificateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void ForThisHost_PodEnvironment_LoopbackPodIpHostnameAndExtras()
    {
        // Arrange
        var environment = new Dictionary<string, string> { ["POD_IP"] = "10.1.2.3", ["HOSTNAME"] = "epp-7f9c-abcde" };

        // Act
        var names = SubjectAlternativeNames.ForThisHost(["epp.ns.svc", "epp.ns.svc.cluster.local", "fd00::1"], environment.GetValueOrDefault);

        // Assert
        Assert.That(names.DnsNames, Is.EqualTo(new[] { "localhost", "epp-7f9c-abcde", "epp.ns.svc", "epp.ns.svc.cluster.local" }));
        Assert.That(names.IpAddresses, Is.EqualTo(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fd00::1") }));
    }

    [Test]
    public void ForThisHost_NoPodEnvironment_LoopbackOnly()
    {
        // Act
        var names = SubjectAlternativeNames.ForThisHost([], _ => null);

        // Assert
        Assert.That(names.DnsNames, Is.EqualTo(new[] { "localhost" }));
        Assert.That(names.IpAddresses, Is.EqualTo(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }));
    }

    [TestCase("", new[] { "localhost" })]
    [TestCase("  ", new[] { "localhost" })]
    [TestCase("not a name!", new[] { "localhost" })]
    [TestCase("LOCALHOST", new[] { "localhost" })]
    [TestCase("A.Example", new[] { "localhost", "a.example" })]
    public void Parse_Names_InvalidAndDuplicateDropped(string extra, string[] expected)
    {
        // Act
        var names = SubjectAlternativeNames.Parse(["localhost", extra]);

        // Assert
        Assert.That(names.DnsNames, Is.EqualTo(expected));
        Assert.That(names.IpAddresses, Is.Empty);
    }

    [Test]
    public void SelfSignedCertificate_Create_ServerAuthNotCaWithEverySan()
    {
        // Arrange
        var names = SubjectAlternativeNames.Parse(["localhost", "epp.ns.svc", "127.0.0.1", "10.0.0.7"]);

        // Act
        using var certificate = SelfSignedCertificate.Create(names, Now, TimeSpan.FromDays(30));

        // Assert
        Assert.That(certificate.HasPrivateKey, Is.True);
        Assert.That(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.False);
        Assert.That(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value), Does.Contain("1.3.6.1.5.5.7.3.1"));
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.That(san.EnumerateDnsNames(), Is.EquivalentTo(new[] { "localhost", "epp.ns.svc" }));
        Assert.That(san.EnumerateIPAddresses(), Is.EquivalentTo(new[] { IPAddress.Parse("127.0.0.1"), IPAddress.Parse("10.0.0.7") }));
        Assert.That(certificate.MatchesHostname("epp.ns.svc"), Is.True);
        Assert.That(certificate.MatchesHostname("other.ns.svc"), Is.False);
        Assert.That(certificate.NotAfter.ToUniversalTime(), Is.EqualTo(Now.AddDays(30).UtcDateTime).Within(TimeSpan.FromSeconds(1)));
        Assert.That(certificate.NotBefore.ToUniversalTime(), Is.LessThan(Now.UtcDateTime));
    }

    [Test]
    public void IssueServerCertificate_ByCa_ChainsToCaAndNeverOutlivesIt()
    {
        // Arrange
        using var ca = CertificateAuthority.Create("test CA", Now, TimeSpan.FromDays(10));

        // Act
        using var issued = ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["epp.ns.svc"]), Now, TimeSpan.FromDays(365), "epp");

        // Assert
        Assert.That(ChainsTo(ca, issued, Now.AddDays(1)), Is.True);
        Assert.That(issued.HasPrivateKey, Is.True);
        Assert.That(issued.NotAfter, Is.EqualTo(ca.Certificate.NotAfter));
        Assert.That(issued.Issuer, Is.EqualTo("CN=test CA"));
    }

    [Test]
    public void IssueServerCertificate_OtherCa_DoesNotChain()
    {
        // Arrange
        using var ca = CertificateAuthority.Create("test CA", Now, TimeSpan.FromDays(10));
        using var other = CertificateAuthority.Create("other CA", Now, TimeSpan.FromDays(10));
        using var issued = ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["epp.ns.svc"]), Now, TimeSpan.FromDays(1), "epp");

        // Act
        var built = ChainsTo(other, issued, Now.AddHours(1));

        // Assert
        Assert.That(built, Is.False);
    }

    [Test]
    public void Export_ThenLoadPem_SameCertificateAndUsableKey()
    {
        // Arrange
        using var ca = CertificateAuthority.Create("test CA", Now, TimeSpan.FromDays(10));

        // Act
        var pem = CertificatePem.Export(ca.Certificate);
        using var reloaded = CertificateAuthority.FromPem(pem.Certificate, pem.PrivateKey);
        using var issued = reloaded.IssueServerCertificate(SubjectAlternativeNames.Parse(["x.test"]), Now, TimeSpan.FromDays(1), "x");

        // Assert
        Assert.That(pem.Certificate, Does.StartWith("-----BEGIN CERTIFICATE-----"));
        Assert.That(pem.PrivateKey, Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        Assert.That(reloaded.Certificate.Thumbprint, Is.EqualTo(ca.Certificate.Thumbprint));
        Assert.That(issued.Issuer, Is.EqualTo(ca.Certificate.Subject));
    }

    private static bool ChainsTo(CertificateAuthority ca, X509Certificate2 certificate, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        return chain.Build(certificate);
    }
}
