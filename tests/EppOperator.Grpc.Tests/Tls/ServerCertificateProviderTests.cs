using EppOperator.Epp.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Grpc.Tests.Tls;

[TestFixture]
public sealed class ServerCertificateProviderTests
{
    private DirectoryInfo _directory = null!;
    private CertificateAuthority _ca = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("epp-certs-");
        _ca = CertificateAuthority.Create("test CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
    }

    [TearDown]
    public void DeleteDirectory()
    {
        _ca.Dispose();
        _directory.Delete(recursive: true);
    }

    [Test]
    public void Create_SecureServingOff_NoProvider()
    {
        // Act
        var provider = ServerCertificateProvider.Create(new SecureServingOptions { SecureServing = false }, NullLogger.Instance, TimeProvider.System);

        // Assert
        Assert.That(provider, Is.Null);
    }

    [Test]
    public void Create_NoCertPath_SelfSignedWithExtraNames()
    {
        // Arrange
        var options = new SecureServingOptions { ExtraSubjectAlternativeNames = ["epp.pool.svc"] };

        // Act
        using var provider = ServerCertificateProvider.Create(options, NullLogger.Instance, TimeProvider.System);

        // Assert
        Assert.That(provider!.Current.MatchesHostname("epp.pool.svc"), Is.True);
        Assert.That(provider.Current.MatchesHostname("localhost"), Is.True);
        Assert.That(provider.Current.Subject, Is.EqualTo(provider.Current.Issuer));
    }

    [Test]
    public void Create_CertPath_ServesFilesFromDirectory()
    {
        // Arrange
        var expected = WriteIssued("first.test");

        // Act
        using var provider = ServerCertificateProvider.Create(new SecureServingOptions { CertPath = _directory.FullName }, NullLogger.Instance, TimeProvider.System);

        // Assert
        Assert.That(provider!.Current.Thumbprint, Is.EqualTo(expected));
    }

    [Test]
    public void FromDirectory_MissingFiles_ErrorNamesDirectoryAndFiles()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => ServerCertificateProvider.FromDirectory(_directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System));

        // Assert
        Assert.That(error!.Message, Does.Contain(_directory.FullName).And.Contain("tls.crt").And.Contain("tls.key"));
    }

    [Test]
    public void FromDirectory_KeyDoesNotMatchCertificate_ErrorExplains()
    {
        // Arrange
        using var one = _ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["one.test"]), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), "one");
        using var two = _ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["two.test"]), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), "two");
        new CertificatePem(CertificatePem.Export(one).Certificate, CertificatePem.Export(two).PrivateKey).WriteTo(_directory.FullName);

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => ServerCertificateProvider.FromDirectory(_directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System));

        // Assert
        Assert.That(error!.Message, Does.Contain("not a valid PEM certificate and matching private key"));
    }

    [Test]
    public void Reload_FilesReplaced_NewCertificateServed()
    {
        // Arrange
        WriteIssued("first.test");
        using var provider = ServerCertificateProvider.FromDirectory(_directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System);
        var second = WriteIssued("second.test");

        // Act
        var changed = provider.Reload();

        // Assert
        Assert.That(changed, Is.True);
        Assert.That(provider.Current.Thumbprint, Is.EqualTo(second));
    }

    [Test]
    public void Reload_FilesUnchanged_NoSwap()
    {
        // Arrange
        WriteIssued("first.test");
        using var provider = ServerCertificateProvider.FromDirectory(_directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System);
        var before = provider.Current;

        // Act
        var changed = provider.Reload();

        // Assert
        Assert.That(changed, Is.False);
        Assert.That(provider.Current, Is.SameAs(before));
    }

    [Test]
    public void Reload_BrokenUpdate_PreviousCertificateKept()
    {
        // Arrange
        var first = WriteIssued("first.test");
        using var provider = ServerCertificateProvider.FromDirectory(_directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System);
        File.WriteAllText(Path.Combine(_directory.FullName, "tls.crt"), "-----BEGIN CERTIFICATE-----\ntruncated");

        // Act
        var changed = provider.Reload();

        // Assert
        Assert.That(changed, Is.False);
        Assert.That(provider.Current.Thumbprint, Is.EqualTo(first));
    }

    [Test]
    public async Task FromDirectory_SecretVolumeStyleSwap_ReloadedWithoutBeingAsked()
    {
        // Arrange: files are symlinks into a "..data" directory link, as in a Kubernetes Secret volume.
        var first = WriteIssued("first.test", Path.Combine(_directory.FullName, "..2026_11_21_a"));
        Directory.CreateSymbolicLink(Path.Combine(_directory.FullName, "..data"), "..2026_11_21_a");
        File.CreateSymbolicLink(Path.Combine(_directory.FullName, "tls.crt"), Path.Combine("..data", "tls.crt"));
        File.CreateSymbolicLink(Path.Combine(_directory.FullName, "tls.key"), Path.Combine("..data", "tls.key"));
        using var provider = ServerCertificateProvider.FromDirectory(_directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System);
        Assert.That(provider.Current.Thumbprint, Is.EqualTo(first));
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.CertificateChanged += (_, _) => changed.TrySetResult();

        // Act: write the new version beside the old one and atomically repoint "..data".
        var second = WriteIssued("second.test", Path.Combine(_directory.FullName, "..2026_11_21_b"));
        var temporaryLink = Path.Combine(_directory.FullName, "..data_tmp");
        Directory.CreateSymbolicLink(temporaryLink, "..2026_11_21_b");
        Assert.That(Rename(temporaryLink, Path.Combine(_directory.FullName, "..data")), Is.Zero, "rename(2) of the ..data link failed");
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        Assert.That(provider.Current.Thumbprint, Is.EqualTo(second));
    }

    /// <summary>rename(2): replaces a directory symlink atomically, which File.Move and Directory.Move cannot.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);

    private string WriteIssued(string name, string? directory = null)
    {
        using var certificate = _ca.IssueServerCertificate(SubjectAlternativeNames.Parse([name]), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), name);
        CertificatePem.Export(certificate).WriteTo(directory ?? _directory.FullName);
        return certificate.Thumbprint;
    }
}
