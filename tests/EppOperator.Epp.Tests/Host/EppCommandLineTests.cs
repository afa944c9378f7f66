using EppOperator.Epp.Host;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Tests.Host;

[TestFixture]
public sealed class EppCommandLineTests
{
    [Test]
    public void Bind_OnlyEndpoints_GaieDefaults()
    {
        // Act
        var options = Bind(out var errors, "--endpoints", "127.0.0.1:8001,[::1]:8002");

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(options!.GrpcPort, Is.EqualTo(9002));
        Assert.That(options.GrpcHealthPort, Is.EqualTo(9003));
        Assert.That(options.MetricsPort, Is.EqualTo(9090));
        Assert.That(options.SecureServing, Is.True);
        Assert.That(options.DrainTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.MaxRequestBodyBytes, Is.EqualTo(16 * 1024 * 1024));
        Assert.That(options.ConformanceHooks, Is.False, "clients never pick the pod unless asked for");
        Assert.That(options.LogLevel, Is.EqualTo(LogLevel.Information));
        Assert.That(options.Endpoints.Select(e => e.Name), Is.EqualTo(new[] { "127.0.0.1:8001", "[::1]:8002" }));
        Assert.That(options.PoolNamespace, Is.EqualTo("default"));
    }

    [Test]
    public void Bind_EveryFlag_Bound()
    {
        var certDir = Path.GetTempPath();
        var resources = Path.GetTempFileName();
        try
        {
            var options = Bind(
                out var errors,
                "--grpc-port", "19002", "--grpc-health-port", "19003", "--metrics-port", "19090", "--secure-serving=false",
                "--cert-path", certDir, "--pool-name", "pool", "--pool-namespace", "ns", "-v", "4", "--endpoints", "10.0.0.1:8000",
                "--drain-timeout", "1m30s", "--max-request-body-bytes", "1024", "--grpc-max-recv-msg-size", "8388608",
                "--inference-resources-file", resources, "--disable-endpoint-subset-filter", "--conformance-hooks");

            Assert.That(errors, Is.Empty);
            Assert.That(options!.GrpcPort, Is.EqualTo(19002));
            Assert.That(options.GrpcHealthPort, Is.EqualTo(19003));
            Assert.That(options.MetricsPort, Is.EqualTo(19090));
            Assert.That(options.SecureServing, Is.False);
            Assert.That(options.CertPath, Is.EqualTo(certDir));
            Assert.That(options.PoolName, Is.EqualTo("pool"));
            Assert.That(options.PoolNamespace, Is.EqualTo("ns"));
            Assert.That(options.DrainTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)));
            Assert.That(options.MaxRequestBodyBytes, Is.EqualTo(1024));
            Assert.That(options.GrpcMaxReceiveMessageSize, Is.EqualTo(8388608));
            Assert.That(options.InferenceResourcesFile, Is.EqualTo(resources));
            Assert.That(options.DisableEndpointSubsetFilter, Is.True);
            Assert.That(options.ConformanceHooks, Is.True);
            Assert.That(options.LogLevel, Is.EqualTo(LogLevel.Debug));
        }
        finally
        {
            File.Delete(resources);
        }
    }

    [TestCase("--grpc-port", "abc", "--grpc-port")]
    [TestCase("--grpc-port", "70000", "--grpc-port")]
    [TestCase("--drain-timeout", "soon", "--drain-timeout")]
    [TestCase("--endpoints", "localhost:8000", "--endpoints")]
    [TestCase("--endpoints", "10.0.0.1", "--endpoints")]
    [TestCase("--endpoints", "10.0.0.1:8000,10.0.0.1:8000", "--endpoints")]
    [TestCase("--config-file", "x.yaml", "--config-file")]
    [TestCase("--config-text", "kind: EndpointPickerConfig", "--config-text")]
    [TestCase("--cert-path", "/nonexistent/dir", "--cert-path")]
    [TestCase("--inference-resources-file", "/nonexistent.yaml", "--inference-resources-file")]
    [TestCase("--max-request-body-bytes", "0", "--max-request-body-bytes")]
    [TestCase("--metrics-port", "9002", "--grpc-port and --metrics-port")]
    [TestCase("--no-such-flag", "1", "--no-such-flag")]
    public void Bind_BadFlag_ErrorNamesTheFlag(string flag, string value, string expectedName)
    {
        var args = flag == "--endpoints" ? new[] { flag, value } : new[] { "--endpoints", "10.0.0.1:8000", flag, value };

        var options = Bind(out var errors, args);

        Assert.That(options, Is.Null);
        Assert.That(errors, Has.Some.Contains(expectedName));
    }

    [Test]
    public void Bind_ScrapeFlags_BoundIntoScraperOptions()
    {
        var options = Bind(
            out var errors,
            "--endpoints", "10.0.0.1:8000", "--refresh-metrics-interval", "100ms", "--metrics-staleness-threshold", "5s",
            "--model-server-metrics-scheme", "https", "--model-server-metrics-path", "/stats", "--model-server-metrics-https-insecure-skip-verify=false",
            "--model-server-metrics-port", "9100", "--engine-type", "sglang");

        Assert.That(errors, Is.Empty);
        Assert.That(options!.Scraper.RefreshInterval, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(options.Scraper.StalenessThreshold, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.Scraper.Scheme, Is.EqualTo("https"));
        Assert.That(options.Scraper.Path, Is.EqualTo("/stats"));
        Assert.That(options.Scraper.InsecureSkipVerify, Is.False);
        Assert.That(options.ModelServerMetricsPort, Is.EqualTo(9100));
        Assert.That(options.EngineType, Is.EqualTo("sglang"));
    }

    [TestCase("--engine-type", "foo", "--engine-type")]
    [TestCase("--refresh-metrics-interval", "often", "--refresh-metrics-interval")]
    [TestCase("--metrics-staleness-threshold", "0s", "--metrics-staleness-threshold")]
    [TestCase("--model-server-metrics-scheme", "ftp", "--model-server-metrics-scheme")]
    [TestCase("--model-server-metrics-path", "metrics", "--model-server-metrics-path")]
    public void Bind_BadScrapeFlag_ErrorNamesTheFlag(string flag, string value, string expectedName)
    {
        var options = Bind(out var errors, "--endpoints", "10.0.0.1:8000", flag, value);

        Assert.That(options, Is.Null);
        Assert.That(errors, Has.Some.Contains(expectedName));
    }

    [Test]
    public void Bind_NoPool_ExplainsStandaloneAndKubernetesModes()
    {
        var options = Bind(out var errors);

        Assert.That(options, Is.Null);
        Assert.That(errors.Single(), Does.StartWith("--pool-name or --endpoints: one is required"));
    }

    [Test]
    public void Bind_PoolNameOnly_KubernetesModeWithGaieDefaults()
    {
        var options = Bind(out var errors, "--pool-name", "p", "--pool-namespace", "inference");

        Assert.That(errors, Is.Empty);
        Assert.That(options!.IsKubernetesMode, Is.True);
        Assert.That((options.PoolName, options.PoolNamespace, options.PoolGroup, options.LeaderElection, options.Kubeconfig), Is.EqualTo(("p", "inference", "inference.networking.k8s.io", false, (string?)null)));
    }

    [Test]
    public void Bind_KubernetesModeFlags_Bound()
    {
        var kubeconfig = Path.GetTempFileName();
        var options = Bind(out var errors, "--pool-name", "p", "--pool-group", "inference.networking.x-k8s.io", "--ha-enable-leader-election", "--kubeconfig", kubeconfig);
        File.Delete(kubeconfig);

        Assert.That(errors, Is.Empty);
        Assert.That((options!.PoolGroup, options.LeaderElection, options.Kubeconfig), Is.EqualTo(("inference.networking.x-k8s.io", true, kubeconfig)));
    }

    [TestCase("--pool-group", "example.com", "--pool-group")]
    [TestCase("--kubeconfig", "/no/such/kubeconfig", "--kubeconfig")]
    public void Bind_BadKubernetesFlag_ErrorNamesTheFlag(string flag, string value, string expected)
    {
        var options = Bind(out var errors, "--pool-name", "p", flag, value);

        Assert.That(options, Is.Null);
        Assert.That(errors.Single(), Does.StartWith(expected));
    }

    [Test]
    public void Bind_LeaderElectionInStandaloneMode_Rejected()
    {
        Bind(out var errors, "--endpoints", "10.0.0.1:8000", "--ha-enable-leader-election");

        Assert.That(errors.Single(), Does.StartWith("--ha-enable-leader-election: needs Kubernetes mode"));
    }

    [Test]
    public void Bind_ManifestFileInKubernetesMode_Rejected()
    {
        var manifests = Path.GetTempFileName();
        Bind(out var errors, "--pool-name", "p", "--inference-resources-file", manifests);
        File.Delete(manifests);

        Assert.That(errors.Single(), Does.StartWith("--inference-resources-file: standalone mode only"));
    }

    [Test]
    public void Bind_NamespaceFromEnvironment_WhenFlagAbsent()
    {
        var line = new EppCommandLine();
        var errors = new List<string>();

        var options = line.Bind(line.Root.Parse(["--endpoints", "10.0.0.1:8000"]), new Dictionary<string, string?> { ["NAMESPACE"] = "from-env" }, errors);

        Assert.That(options!.PoolNamespace, Is.EqualTo("from-env"));
    }

    [TestCase("-v", "1", LogLevel.Warning)]
    [TestCase("-v", "3", LogLevel.Information)]
    [TestCase("--v", "5", LogLevel.Trace)]
    public void Bind_Verbosity_MapsToLogLevel(string flag, string value, LogLevel expected) =>
        Assert.That(Bind(out _, "--endpoints", "10.0.0.1:8000", flag, value)!.LogLevel, Is.EqualTo(expected));

    [Test]
    public void Bind_GoStyleEqualsSyntax_Accepted()
    {
        // The GAIE chart and Go's flag package write -v=4 and --grpc-port=9002.
        var options = Bind(out var errors, "-v=4", "--grpc-port=19002", "--endpoints=10.0.0.1:8000");

        Assert.That(errors, Is.Empty);
        Assert.That(options!.LogLevel, Is.EqualTo(LogLevel.Debug));
        Assert.That(options.GrpcPort, Is.EqualTo(19002));
    }

    [Test]
    public async Task InvokeAsync_BadFlag_ExitCode2AndMessageOnStderr()
    {
        var error = new StringWriter();
        var ran = false;

        var code = await new EppCommandLine().InvokeAsync(["--grpc-port", "x", "--endpoints", "10.0.0.1:1"], (_, _) => { ran = true; return Task.FromResult(0); }, TextWriter.Null, error);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(ran, Is.False);
        Assert.That(error.ToString(), Does.StartWith("epp: ").And.Contain("--grpc-port"));
    }

    [Test]
    public async Task InvokeAsync_Help_PrintsFlagsAndExitsZero()
    {
        var output = new StringWriter();

        var code = await new EppCommandLine().InvokeAsync(["--help"], (_, _) => Task.FromResult(1), output, TextWriter.Null);

        Assert.That(code, Is.Zero);
        Assert.That(output.ToString(), Does.Contain("--grpc-port").And.Contain("--endpoints").And.Contain("--drain-timeout"));
    }

    [Test]
    public async Task InvokeAsync_ValidFlags_RunsWithOptions()
    {
        EppHostOptions? received = null;

        var code = await new EppCommandLine().InvokeAsync(["--endpoints", "10.0.0.1:8000"], (o, _) => { received = o; return Task.FromResult(0); }, TextWriter.Null, TextWriter.Null);

        Assert.That(code, Is.Zero);
        Assert.That(received!.Endpoints, Has.Count.EqualTo(1));
    }

    private static EppHostOptions? Bind(out List<string> errors, params string[] args)
    {
        var line = new EppCommandLine();
        errors = [];
        return line.Bind(line.Root.Parse(args), new Dictionary<string, string?>(), errors);
    }
}
