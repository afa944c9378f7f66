using EppOperator.Kube.Config;

namespace EppOperator.Kube.Tests.Config;

public class InClusterConfigTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "sa-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [TestCase("10.96.0.1", "https://10.96.0.1/")]
    [TestCase("fd00::1", "https://[fd00::1]/")]
    public void Load_ServiceAccountMounted_ReadsHostTokenFileAndNamespace(string host, string expectedServer)
    {
        // Arrange
        File.WriteAllText(Path.Combine(_directory, "token"), "t");
        File.WriteAllText(Path.Combine(_directory, "namespace"), "inference\n");
        var environment = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = host, ["KUBERNETES_SERVICE_PORT"] = "443" };

        // Act
        var config = InClusterConfig.Load(name => environment.GetValueOrDefault(name), _directory);

        // Assert
        Assert.That(config.Server.ToString(), Is.EqualTo(expectedServer));
        Assert.That(config.Namespace, Is.EqualTo("inference"));
        Assert.That(config.BearerTokenFile, Is.EqualTo(Path.Combine(_directory, "token")));
        Assert.That(config.CertificateAuthority, Is.Null);
    }

    [Test]
    public void Load_NoServiceEnvironment_ThrowsClearError()
    {
        // Act
        var error = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(_ => null, _directory));

        // Assert
        Assert.That(error!.Message, Does.Contain("KUBERNETES_SERVICE_HOST"));
    }

    [Test]
    public void Load_TokenMissing_ThrowsClearError()
    {
        // Arrange
        var environment = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        // Act
        var error = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(name => environment.GetValueOrDefault(name), _directory));

        // Assert
        Assert.That(error!.Message, Does.Contain("token").And.Contain("does not exist"));
    }
}
