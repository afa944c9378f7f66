using System.Text;
using EppOperator.Kube.Config;

namespace EppOperator.Kube.Tests.Config;

public class KubeConfigLoaderTests
{
    private const string TwoContexts = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev.example:6443
            insecure-skip-tls-verify: true
        - name: prod-cluster
          cluster:
            server: https://prod.example:6443
            tls-server-name: api.prod.example
        contexts:
        - name: dev
          context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
        - name: prod
          context: {cluster: prod-cluster, user: prod-user}
        users:
        - name: dev-user
          user: {token: dev-token}
        - name: prod-user
          user: {username: admin, password: secret}
        """;

    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kubeconfig-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Load_CurrentContext_UsesItsClusterUserAndNamespace()
    {
        // Act
        var config = KubeConfigLoader.Load(TwoContexts, "/home/u/.kube/config");

        // Assert
        Assert.That(config.Server, Is.EqualTo(new Uri("https://dev.example:6443")));
        Assert.That(config.BearerToken, Is.EqualTo("dev-token"));
        Assert.That(config.Namespace, Is.EqualTo("team-a"));
        Assert.That(config.InsecureSkipTlsVerify, Is.True);
        Assert.That(config.Source, Does.Contain("context 'dev'"));
    }

    [Test]
    public void Load_NamedContext_OverridesCurrentContext()
    {
        // Act
        var config = KubeConfigLoader.Load(TwoContexts, "kubeconfig", "prod");

        // Assert
        Assert.That(config.Server.Host, Is.EqualTo("prod.example"));
        Assert.That(config.TlsServerName, Is.EqualTo("api.prod.example"));
        Assert.That((config.Username, config.Password, config.Namespace), Is.EqualTo(("admin", "secret", "default")));
    }

    [Test]
    public void LoadFile_RelativeTokenAndCaFiles_ResolveAgainstTheKubeconfigDirectory()
    {
        // Arrange
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test-ca", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_directory, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "token"), "file-token\n");
        var path = Path.Combine(_directory, "config");
        File.WriteAllText(path, """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://10.0.0.1:6443", certificate-authority: ca.pem}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {tokenFile: token}}]
            """);

        // Act
        var config = KubeConfigLoader.LoadFile(path);

        // Assert
        Assert.That(config.CertificateAuthority![0].Subject, Is.EqualTo("CN=test-ca"));
        Assert.That(config.BearerTokenFile, Is.EqualTo(Path.Combine(_directory, "token")));
    }

    [TestCase("current-context: missing\ncontexts: []\n", "context 'missing' not found")]
    [TestCase("clusters: [1, 2\n", "invalid YAML")]
    [TestCase("just a string\n", "the file is empty or not a mapping")]
    [TestCase("contexts: [{name: c, context: {cluster: k}}]\n", "no current-context")]
    [TestCase("current-context: c\ncontexts: [{name: c, context: {cluster: k}}]\nclusters: [{name: k, cluster: {server: 'not a url'}}]\n", "no valid server URL")]
    [TestCase("current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\nclusters: [{name: k, cluster: {server: 'https://h'}}]\nusers: [{name: u, user: {exec: {command: aws}}}]\n", "exec credential plugin ('aws')")]
    [TestCase("current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\nclusters: [{name: k, cluster: {server: 'https://h', certificate-authority-data: '@@@'}}]\nusers: [{name: u, user: {}}]\n", "certificate-authority-data is not valid base64")]
    [TestCase("current-context: c\ncontexts: [{name: c, context: {cluster: k, user: u}}]\nclusters: [{name: k, cluster: {server: 'https://h'}}]\nusers: [{name: u, user: {client-certificate-data: 'YWJj'}}]\n", "needs both the certificate and the key")]
    public void Load_MalformedKubeconfig_ThrowsAnErrorNamingTheProblem(string yaml, string expected)
    {
        // Act
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Load(yaml, "/tmp/bad-kubeconfig"));

        // Assert
        Assert.That(error!.Message, Does.Contain(expected).And.Contain("/tmp/bad-kubeconfig"));
    }

    [Test]
    public void LoadFile_MissingFile_ThrowsWithThePath()
    {
        // Act
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.LoadFile(Path.Combine(_directory, "nope")));

        // Assert
        Assert.That(error!.Message, Does.Contain("cannot read file"));
    }

    [Test]
    public void FindDefaultPath_KubeconfigVariable_TakesTheFirstExistingEntry()
    {
        // Arrange
        var existing = Path.Combine(_directory, "b");
        File.WriteAllText(existing, "");
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = $"{Path.Combine(_directory, "a")}{Path.PathSeparator}{existing}", ["HOME"] = _directory };

        // Act
        var path = KubeConfigLoader.FindDefaultPath(name => environment.GetValueOrDefault(name));

        // Assert
        Assert.That(path, Is.EqualTo(existing));
    }

    [Test]
    public void Resolve_NothingConfigured_ExplainsWhatWasTried()
    {
        // Arrange
        var environment = new Dictionary<string, string?> { ["HOME"] = _directory };

        // Act
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigResolver.Resolve(getEnvironment: name => environment.GetValueOrDefault(name)));

        // Assert
        Assert.That(error!.Message, Does.Contain("not running in a cluster"));
    }

    [Test]
    public void Load_CertificateAuthorityData_IsDecoded()
    {
        // Arrange
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=inline-ca", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(ca.ExportCertificatePem()));
        var yaml = $"current-context: c\ncontexts: [{{name: c, context: {{cluster: k}}}}]\nclusters: [{{name: k, cluster: {{server: 'https://h', certificate-authority-data: {data}}}}}]\n";

        // Act
        var config = KubeConfigLoader.Load(yaml, "kubeconfig");

        // Assert
        Assert.That(config.CertificateAuthority![0].Subject, Is.EqualTo("CN=inline-ca"));
    }
}
