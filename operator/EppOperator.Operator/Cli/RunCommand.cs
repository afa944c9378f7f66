using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using EppOperator.Kube.Config;
using EppOperator.Operator.Hosting;
using EppOperator.Operator.Install;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Cli;

/// <summary>
/// <c>epp-operator run</c>: connects (kubeconfig flag, in-cluster service account, or the default kubeconfig), starts
/// the operator and runs until SIGTERM or SIGINT, then stops the controllers and releases the lease.
/// </summary>
internal static class RunCommand
{
    public static Command Build(TextWriter error)
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path of a kubeconfig (default: in-cluster, then $KUBECONFIG or ~/.kube/config)" };
        var context = new Option<string?>("--context") { Description = "kubeconfig context to use" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The operator's namespace (lease and CA Secret); default $POD_NAMESPACE, else epp-operator-system" };
        var leaderElection = new Option<bool>("--leader-election") { Description = "Elect a leader among replicas (Lease epp-operator)", DefaultValueFactory = _ => true };
        var envoyGateway = new Option<bool>("--enable-envoy-gateway") { Description = "Allow the Envoy Gateway data plane", DefaultValueFactory = _ => true };
        var istio = new Option<bool>("--enable-istio") { Description = "Allow the Istio data plane", DefaultValueFactory = _ => true };
        var metricsPort = Port("--metrics-port", InstallManifestBuilder.MetricsPort, "Port of /metrics");
        var healthPort = Port("--health-port", InstallManifestBuilder.HealthPort, "Port of /healthz and /readyz");
        var verbosity = new Option<int>("-v", "--v") { Description = "Log verbosity: 1 warnings, 2 info (default), 4 debug, 5 trace", DefaultValueFactory = _ => 2 };
        var settingsOptions = new SettingsOptions();
        var command = new Command("run", "Run the operator against the current cluster")
        {
            kubeconfig, context, ns, leaderElection, envoyGateway, istio, metricsPort, healthPort, verbosity,
        };
        settingsOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var settings = settingsOptions.Bind(parse, errors);
            var namespaceName = parse.GetValue(ns) is { Length: > 0 } given ? given
                : Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } fromEnv ? fromEnv
                : "epp-operator-system";
            if (parse.GetValue(metricsPort) == parse.GetValue(healthPort) && parse.GetValue(healthPort) != 0) errors.Add("--metrics-port and --health-port: both use port " + parse.GetValue(healthPort).ToString(CultureInfo.InvariantCulture));
            KubeClientConfig? config = null;
            try
            {
                config = KubeConfigResolver.Resolve(parse.GetValue(kubeconfig), parse.GetValue(context));
            }
            catch (KubeConfigException ex)
            {
                errors.Add($"--kubeconfig: {ex.Message}");
            }

            if (settings is null || config is null || errors.Count > 0) return await OperatorCommandLine.UsageAsync(error, errors).ConfigureAwait(false);
            var options = new OperatorRunOptions
            {
                Kube = config,
                Settings = settings with { Namespace = namespaceName },
                LeaderElection = parse.GetValue(leaderElection),
                EnableEnvoyGateway = parse.GetValue(envoyGateway),
                EnableIstio = parse.GetValue(istio),
                MetricsPort = parse.GetValue(metricsPort),
                HealthPort = parse.GetValue(healthPort),
                LogLevel = parse.GetValue(verbosity) switch { <= 1 => LogLevel.Warning, 2 or 3 => LogLevel.Information, 4 => LogLevel.Debug, _ => LogLevel.Trace },
            };
            return await RunAsync(options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(OperatorRunOptions options, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(options.LogLevel)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }));
        var logger = loggerFactory.CreateLogger("EppOperator.Operator");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        OperatorHost host;
        try
        {
            host = await OperatorHost.StartAsync(options, loggerFactory, TimeProvider.System, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is Kube.Client.KubernetesException or HttpRequestException or IOException)
        {
            Runtime.OperatorLog.StartFailed(logger, ex);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown requested: disposing stops the controllers and hands back the lease.
            }
        }

        return 0;
    }

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
