using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EppOperator.Epp.Config;
using EppOperator.Epp.Datalayer;
using EppOperator.Epp.FlowControl;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Host;

/// <summary>
/// The <c>epp</c> command line: GAIE's flag names and defaults where they overlap, plus the standalone flags.
/// Any bad flag is reported with its name and exit code 2, before anything starts.
/// </summary>
internal sealed class EppCommandLine
{
    public const int UsageError = 2;

    private readonly Option<int> _grpcPort = Port("--grpc-port", 9002, "gRPC port for the Envoy ext_proc service");
    private readonly Option<int> _grpcHealthPort = Port("--grpc-health-port", 9003, "gRPC port for grpc.health.v1");
    private readonly Option<int> _metricsPort = Port("--metrics-port", 9090, "HTTP port for Prometheus /metrics");
    private readonly Option<bool> _secureServing = new("--secure-serving") { Description = "Serve ext_proc over TLS (a self-signed certificate unless --cert-path is given)", DefaultValueFactory = _ => true };
    private readonly Option<string?> _certPath = new("--cert-path") { Description = "Directory with tls.crt and tls.key (reloaded when they change)" };
    private readonly Option<string?> _configFile = new("--config-file") { Description = "EndpointPickerConfig file: plugins and scheduling profiles (re-read when it changes; a broken new version is rejected)" };
    private readonly Option<string?> _configText = new("--config-text") { Description = "EndpointPickerConfig as text, instead of --config-file (default: prefix-cache 3, queue 2, kv-cache 2)" };
    private readonly Option<string?> _poolName = new("--pool-name") { Description = "InferencePool this EPP serves (Kubernetes mode; with --endpoints only a label)" };
    private readonly Option<string?> _poolNamespace = new("--pool-namespace") { Description = "Namespace of the pool (default: $NAMESPACE, else default)" };
    private readonly Option<string> _poolGroup = new("--pool-group") { Description = "API group of the InferencePool: inference.networking.k8s.io (v1) or inference.networking.x-k8s.io (v1alpha2)", DefaultValueFactory = _ => Kube.Entities.Inference.V1InferencePool.Group };
    private readonly Option<bool> _leaderElection = new("--ha-enable-leader-election") { Description = "Run several replicas: only the holder of lease epp-<namespace>-<pool> reports ready" };
    private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "Kubeconfig to use outside the cluster (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config)" };
    private readonly Option<int> _verbosity = new("-v", "--v") { Description = "Log verbosity: 1 warnings, 2 info (default), 4 debug, 5 trace", DefaultValueFactory = _ => 2 };
    private readonly Option<string?> _endpoints = new("--endpoints") { Description = "Standalone pool without Kubernetes: ip:port,ip:port ([v6]:port for IPv6)" };
    private readonly Option<string> _drainTimeout = new("--drain-timeout") { Description = "On SIGTERM: readiness goes NOT_SERVING and open streams get this long to finish", DefaultValueFactory = _ => "30s" };
    private readonly Option<long> _maxRequestBodyBytes = new("--max-request-body-bytes") { Description = "Largest request body the EPP buffers; larger requests get 413", DefaultValueFactory = _ => 16 * 1024 * 1024 };
    private readonly Option<long> _grpcMaxRecv = new("--grpc-max-recv-msg-size") { Description = "Largest gRPC message accepted from the proxy", DefaultValueFactory = _ => 4 * 1024 * 1024 };
    private readonly Option<string?> _inferenceResources = new("--inference-resources-file") { Description = "YAML of InferenceObjective and InferenceModelRewrite manifests (standalone mode)" };
    private readonly Option<bool> _disableSubsetFilter = new("--disable-endpoint-subset-filter") { Description = "Ignore the proxy's endpoint subset hint" };
    private readonly Option<bool> _conformanceHooks = new("--conformance-hooks") { Description = "For Gateway API Inference Extension conformance runs only: honour the client's test-epp-endpoint-selection header (the client picks the pod) and report x-conformance-test-served-endpoint (default: off)" };
    private readonly Option<string> _refreshMetricsInterval = new("--refresh-metrics-interval") { Description = "How often model servers' /metrics are scraped", DefaultValueFactory = _ => "50ms" };
    private readonly Option<string> _metricsStaleness = new("--metrics-staleness-threshold") { Description = "Scraped metrics older than this are not trusted", DefaultValueFactory = _ => "2s" };
    private readonly Option<string> _metricsScheme = new("--model-server-metrics-scheme") { Description = "http or https for scraping model servers", DefaultValueFactory = _ => "http" };
    private readonly Option<string> _metricsPath = new("--model-server-metrics-path") { Description = "Path of the model servers' metrics", DefaultValueFactory = _ => "/metrics" };
    private readonly Option<bool> _metricsInsecure = new("--model-server-metrics-https-insecure-skip-verify") { Description = "Accept any certificate when scraping over https", DefaultValueFactory = _ => true };
    private readonly Option<int> _metricsPortOfServers = Port("--model-server-metrics-port", 0, "Port of the model servers' metrics (in Kubernetes mode only for single-port pools); 0 is their serving port");
    private readonly Option<string> _engineType = new("--engine-type") { Description = "Metric names of the static endpoints (in Kubernetes mode, of pods without the inference.networking.k8s.io/engine-type label): vllm, sglang, trtllm-serve or triton-tensorrt-llm", DefaultValueFactory = _ => EngineMetricMappings.Vllm };

    public EppCommandLine()
    {
        Root = new RootCommand("epp: the EppOperator Endpoint Picker, an Envoy ext_proc server that routes each inference request to the best model server")
        {
            _grpcPort, _grpcHealthPort, _metricsPort, _secureServing, _certPath, _configFile, _configText, _poolName, _poolNamespace, _poolGroup, _leaderElection, _kubeconfig,
            _verbosity, _endpoints, _drainTimeout, _maxRequestBodyBytes, _grpcMaxRecv, _inferenceResources, _disableSubsetFilter, _conformanceHooks,
            _refreshMetricsInterval, _metricsStaleness, _metricsScheme, _metricsPath, _metricsInsecure, _metricsPortOfServers, _engineType,
        };
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Parses and validates. Returns the options, or null with the reasons (each naming its flag). Help requests
    /// return null with no errors; <see cref="InvokeAsync"/> prints the help then.
    /// </summary>
    public EppHostOptions? Bind(ParseResult parse, IDictionary<string, string?> environment, List<string> errors)
    {
        foreach (var error in parse.Errors) errors.Add(error.Message);
        if (errors.Count > 0) return null;

        var schedulerConfig = BindSchedulerConfig(parse, errors);

        var endpoints = new List<Datalayer.EndpointSpec>();
        var endpointText = parse.GetValue(_endpoints);
        var poolName = parse.GetValue(_poolName);
        if (endpointText is not null && !StaticEndpointList.TryParse(endpointText, out endpoints, out var endpointError))
        {
            errors.Add($"--endpoints: {endpointError}");
        }
        else if (endpointText is null && string.IsNullOrEmpty(poolName))
        {
            errors.Add("--pool-name or --endpoints: one is required (Kubernetes mode watches the named InferencePool; standalone mode takes ip:port,...)");
        }

        var kubernetesMode = endpointText is null && !string.IsNullOrEmpty(poolName);
        var poolGroup = parse.GetValue(_poolGroup)!;
        if (poolGroup is not (Kube.Entities.Inference.V1InferencePool.Group or Kube.Entities.Inference.V1Alpha2InferencePool.Group))
        {
            errors.Add($"--pool-group: '{poolGroup}' is not {Kube.Entities.Inference.V1InferencePool.Group} or {Kube.Entities.Inference.V1Alpha2InferencePool.Group}");
        }

        if (parse.GetValue(_leaderElection) && !kubernetesMode)
        {
            errors.Add("--ha-enable-leader-election: needs Kubernetes mode (--pool-name without --endpoints)");
        }

        var kubeconfig = parse.GetValue(_kubeconfig);
        if (kubeconfig is not null && !File.Exists(kubeconfig)) errors.Add($"--kubeconfig: file '{kubeconfig}' does not exist");

        if (!GoDuration.TryParse(parse.GetValue(_drainTimeout), out var drain))
        {
            errors.Add($"--drain-timeout: '{parse.GetValue(_drainTimeout)}' is not a duration such as 30s or 1m30s");
        }

        var maxBody = parse.GetValue(_maxRequestBodyBytes);
        if (maxBody is < 1 or > int.MaxValue) errors.Add($"--max-request-body-bytes: {maxBody} is outside 1..{int.MaxValue}");
        var maxRecv = parse.GetValue(_grpcMaxRecv);
        if (maxRecv is < 1024 or > int.MaxValue) errors.Add($"--grpc-max-recv-msg-size: {maxRecv} is outside 1024..{int.MaxValue}");

        var certPath = parse.GetValue(_certPath);
        if (certPath is not null && !Directory.Exists(certPath)) errors.Add($"--cert-path: directory '{certPath}' does not exist");
        var resources = parse.GetValue(_inferenceResources);
        if (resources is not null && !File.Exists(resources)) errors.Add($"--inference-resources-file: file '{resources}' does not exist");
        if (resources is not null && kubernetesMode)
        {
            errors.Add("--inference-resources-file: standalone mode only; in Kubernetes mode objectives and rewrites come from InferenceObjective and InferenceModelRewrite objects");
        }

        var scraper = BindScraper(parse, errors);
        var engine = parse.GetValue(_engineType)!;
        if (!new EngineMetricMappings().TryResolve(engine, out _))
        {
            errors.Add($"--engine-type: '{engine}' is not one of {EngineMetricMappings.Vllm}, {EngineMetricMappings.SgLang}, {EngineMetricMappings.TrtLlmServe}, {EngineMetricMappings.TritonTensorRtLlm}");
        }

        var ports = new[] { ("--grpc-port", parse.GetValue(_grpcPort)), ("--grpc-health-port", parse.GetValue(_grpcHealthPort)), ("--metrics-port", parse.GetValue(_metricsPort)) };
        foreach (var clash in ports.Where(p => p.Item2 != 0).GroupBy(p => p.Item2).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(" and ", clash.Select(p => p.Item1))}: both use port {clash.Key}");
        }

        if (errors.Count > 0) return null;

        var ns = parse.GetValue(_poolNamespace);
        if (string.IsNullOrEmpty(ns)) ns = environment.TryGetValue("NAMESPACE", out var fromEnv) && !string.IsNullOrEmpty(fromEnv) ? fromEnv : "default";
        return new EppHostOptions
        {
            GrpcPort = parse.GetValue(_grpcPort),
            GrpcHealthPort = parse.GetValue(_grpcHealthPort),
            MetricsPort = parse.GetValue(_metricsPort),
            SecureServing = parse.GetValue(_secureServing),
            CertPath = certPath,
            PoolName = poolName,
            PoolNamespace = ns,
            PoolGroup = poolGroup,
            LeaderElection = parse.GetValue(_leaderElection),
            Kubeconfig = kubeconfig,
            Endpoints = endpoints,
            DrainTimeout = drain,
            MaxRequestBodyBytes = (int)maxBody,
            GrpcMaxReceiveMessageSize = (int)maxRecv,
            InferenceResourcesFile = resources,
            DisableEndpointSubsetFilter = parse.GetValue(_disableSubsetFilter),
            ConformanceHooks = parse.GetValue(_conformanceHooks),
            LogLevel = LevelOf(parse.GetValue(_verbosity)),
            Scraper = scraper,
            EngineType = engine,
            ModelServerMetricsPort = parse.GetValue(_metricsPortOfServers),
            SchedulerConfig = schedulerConfig!,
        };
    }

    /// <summary>Parses <paramref name="args"/>, prints help or errors, or runs <paramref name="run"/> with the options.</summary>
    public async Task<int> InvokeAsync(string[] args, Func<EppHostOptions, CancellationToken, Task<int>> run, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = Root.Parse(args);
        if (parse.Errors.Count == 0 && parse.Action is not null && parse.Action.GetType().Name.Contains("Help", StringComparison.Ordinal))
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
        }

        var errors = new List<string>();
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var options = Bind(parse, environment, errors);
        if (options is null)
        {
            foreach (var message in errors) await error.WriteLineAsync($"epp: {message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run 'epp --help' for the flags.").ConfigureAwait(false);
            return UsageError;
        }

        return await run(options, cancellationToken).ConfigureAwait(false);
    }

    // The configuration is read and built here, so every problem in it is reported against its flag, with its line,
    // before anything starts.
    private SchedulerConfigSource? BindSchedulerConfig(ParseResult parse, List<string> errors)
    {
        var source = SchedulerConfigSource.FromFlags(parse.GetValue(_configFile), parse.GetValue(_configText), out var conflict);
        if (source is null)
        {
            errors.Add(conflict!);
            return null;
        }

        var result = SchedulingServiceCollectionExtensions.ValidateSchedulerConfig(source);
        foreach (var error in result.Diagnostics.Errors) errors.Add($"{source.Flag}: {error}");
        if (result.Config is { } config)
        {
            foreach (var error in FlowControlServiceCollectionExtensions.ValidateAdmissionConfig(config).Errors) errors.Add($"{source.Flag}: {error}");
        }

        return source;
    }

    private MetricsScraperOptions BindScraper(ParseResult parse, List<string> errors)
    {
        var scraper = new MetricsScraperOptions
        {
            Scheme = parse.GetValue(_metricsScheme)!,
            Path = parse.GetValue(_metricsPath)!,
            InsecureSkipVerify = parse.GetValue(_metricsInsecure),
        };
        if (GoDuration.TryParse(parse.GetValue(_refreshMetricsInterval), out var interval)) scraper = scraper with { RefreshInterval = interval };
        else errors.Add($"--refresh-metrics-interval: '{parse.GetValue(_refreshMetricsInterval)}' is not a duration such as 50ms");
        if (GoDuration.TryParse(parse.GetValue(_metricsStaleness), out var staleness)) scraper = scraper with { StalenessThreshold = staleness };
        else errors.Add($"--metrics-staleness-threshold: '{parse.GetValue(_metricsStaleness)}' is not a duration such as 2s");
        if (scraper.Validate() is { } problem) errors.Add(problem);
        return scraper;
    }

    private static LogLevel LevelOf(int verbosity) => verbosity switch
    {
        <= 1 => LogLevel.Warning,
        2 or 3 => LogLevel.Information,
        4 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };

    private static Option<int> Port(string name, int defaultPort, string description) => new(name)
    {
        Description = $"{description} (0 picks a free port)",
        DefaultValueFactory = _ => defaultPort,
        CustomParser = result =>
        {
            var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535) return port;
            result.AddError($"{name}: '{token}' is not a port (0-65535)");
            return 0;
        },
    };
}
