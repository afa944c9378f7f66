using System.Net;
using EppOperator.Kube.Client;
using EppOperator.Kube.Config;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Crds;
using EppOperator.Operator.Hosting;
using EppOperator.Testing.Kubernetes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Operator.Tests.Support;

/// <summary>
/// An API server fixture with the operator's generated CRDs (and stand-ins for Gateway API, Envoy Gateway and Istio
/// CRDs) installed, kubectl pointed at it, and operators started in-process against it.
/// </summary>
internal sealed class OperatorFixture : IAsyncDisposable
{
    private readonly List<OperatorHost> _hosts = [];

    private OperatorFixture(KubeApiServer server, string directory)
    {
        Server = server;
        Directory = directory;
        Kubeconfig = System.IO.Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(Kubeconfig);
        Kubectl = new Kubectl(Kubeconfig);
        Client = new KubernetesClient(KubeConfig(), new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
    }

    public KubeApiServer Server { get; }

    public string Directory { get; }

    public string Kubeconfig { get; }

    public Kubectl Kubectl { get; }

    public KubernetesClient Client { get; }

    public IReadOnlyList<OperatorHost> Hosts => _hosts;

    public static async Task<OperatorFixture> StartAsync(bool thirdPartyCrds = true)
    {
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(250), Namespaces = ["default", "kube-system", "epp-operator-system", "gateways"] });
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "epp-operator-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var definition in CrdCatalog.All) server.CreateFromYaml(CrdGenerator.ToYaml(definition));
        if (thirdPartyCrds)
        {
            foreach (var file in System.IO.Directory.GetFiles(System.IO.Path.Combine(RepoPaths.TestAssets, "crds"), "*.yaml")) server.CreateFromYaml(File.ReadAllText(file));
        }

        return new OperatorFixture(server, directory);
    }

    /// <summary>A fixture around a server the test prepared (e.g. with the upstream CRDs instead of ours).</summary>
    public static Task<OperatorFixture> WrapAsync(KubeApiServer server)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "epp-operator-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        return Task.FromResult(new OperatorFixture(server, directory));
    }

    public KubeClientConfig KubeConfig() => KubeConfigLoader.Load(Server.KubeconfigYaml(), Kubeconfig);

    public OperatorRunOptions Options(OperatorSettings? settings = null, string identity = "operator-a", bool leaderElection = false) => new()
    {
        Kube = KubeConfig(),
        Settings = settings ?? new OperatorSettings(),
        Identity = identity,
        LeaderElection = leaderElection,
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(300),
        MetricsPort = 0,
        HealthPort = 0,
        ListenAddress = IPAddress.Loopback,
        Informer = new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500), MaxJitter = TimeSpan.FromMilliseconds(20) },
    };

    public async Task<OperatorHost> StartOperatorAsync(OperatorRunOptions options, ILoggerFactory? loggers = null)
    {
        var host = await OperatorHost.StartAsync(options, loggers ?? NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        _hosts.Add(host);
        return host;
    }

    public async Task StopOperatorAsync(OperatorHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    public Task<string> ApplyExampleAsync(params string[] files) =>
        Kubectl.MustAsync(["apply", .. files.SelectMany(f => new[] { "-f", RepoPaths.Example(f) })]);

    public string WriteFile(string name, string content)
    {
        var path = System.IO.Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Write requests (anything but GET) the operator sent since <see cref="KubeApiServer.ClearRequests"/>.</summary>
    public IReadOnlyList<RecordedRequest> OperatorWrites() =>
        [.. Server.Requests.Where(r => r.Method != "GET" && !r.UserAgent.Contains("kubectl", StringComparison.Ordinal) && !r.Path.Contains("/leases", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToList()) await host.DisposeAsync();
        _hosts.Clear();
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
