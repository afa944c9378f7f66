using System.Diagnostics;
using System.Globalization;
using Grpc.Health.V1;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Health;
using EppOperator.Sim.Load;

namespace EppOperator.Sim.Live;

/// <summary>
/// One live run's processes, started together in a <see cref="ProcessGroup"/>: <c>eppsim serve</c> per pod, the
/// <c>epp</c> in standalone <c>--endpoints</c> mode (TLS with a CA-issued certificate, or h2c; with flow control and
/// the sheddable objective for <c>epp+fc</c>, see <see cref="LiveFlowControl"/>), and <c>eppsim
/// gateway</c> in front (calling the EPP, or round-robin without it). Ready when every server answers its health
/// check; a process that exits meanwhile fails the start with the end of its log.
/// </summary>
internal sealed class LiveFleet
{
    private LiveFleet(Uri gateway, Uri admin, IReadOnlyList<string> endpoints, Uri? eppAddress, string? eppCaFile, Uri? eppMetrics)
    {
        GatewayUrl = gateway;
        AdminUrl = admin;
        Endpoints = endpoints;
        EppAddress = eppAddress;
        EppCaFile = eppCaFile;
        EppMetricsUrl = eppMetrics;
    }

    public Uri GatewayUrl { get; }

    /// <summary>The gateway's admin listener (<c>/stats/ext_proc</c>, <c>/metrics</c>).</summary>
    public Uri AdminUrl { get; }

    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>The EPP's ext_proc address (null without an EPP).</summary>
    public Uri? EppAddress { get; }

    /// <summary>The CA the EPP's certificate chains to (null without an EPP or over h2c).</summary>
    public string? EppCaFile { get; }

    /// <summary>The EPP's Prometheus <c>/metrics</c> (null without an EPP).</summary>
    public Uri? EppMetricsUrl { get; }

    public static async Task<LiveFleet> StartAsync(ProcessGroup group, LiveFleetSpec spec, Action<string> progress, CancellationToken cancellationToken)
    {
        var options = spec.Options;
        var clock = Stopwatch.StartNew();
        var ports = FreePorts.Take(spec.Pods + 5);
        var endpoints = Enumerable.Range(0, spec.Pods).Select(i => $"127.0.0.1:{ports[i]}").ToList();
        var (gatewayPort, adminPort, grpcPort, healthPort, metricsPort) = (ports[^5], ports[^4], ports[^3], ports[^2], ports[^1]);
        Directory.CreateDirectory(spec.LogDirectory);
        var pool = string.Join(',', endpoints);
        var (eppsim, eppsimPrefix) = Executables.Launch(options.EppsimPath);

        for (var i = 0; i < spec.Pods; i++)
        {
            var args = new List<string>(eppsimPrefix)
            {
                "serve", "--host", "127.0.0.1", "--port", Text(ports[i]), "--pod-name", $"pod-{i}", "--model", spec.Model,
                "--profile", spec.Profile, "--time-scale", Text(options.TimeScale), "--seed", Text(options.Seed + i), "--log-level", "Warning",
            };
            args.AddRange(options.EngineArguments);
            Announce(progress, group.Start($"pod-{i}", eppsim, args, Path.Combine(spec.LogDirectory, $"pod-{i}.log")), endpoints[i]);
        }

        var gatewayArgs = new List<string>(eppsimPrefix)
        {
            "gateway", "--host", "127.0.0.1", "--port", Text(gatewayPort), "--admin-port", Text(adminPort), "--endpoints", pool,
        };
        Uri? eppHealth = null;
        Uri? eppAddress = null;
        string? caFile = null;
        if (spec.WithEpp)
        {
            var (epp, eppPrefix) = Executables.Launch(options.EppPath);
            var eppArgs = new List<string>(eppPrefix)
            {
                "--endpoints", pool, "--grpc-port", Text(grpcPort), "--grpc-health-port", Text(healthPort), "--metrics-port", Text(metricsPort),
                // Warnings only: the per-request framework lines would cost the shared cores more than they tell.
                "--v", "1",
            };
            if (options.EppTls)
            {
                var tls = EppCertificates.Create(Path.Combine(spec.LogDirectory, "tls"), TimeProvider.System);
                eppArgs.AddRange(["--cert-path", tls.CertDirectory]);
                eppAddress = new Uri($"https://127.0.0.1:{grpcPort}");
                caFile = tls.CaFile;
                gatewayArgs.AddRange(["--epp", eppAddress.ToString(), "--epp-ca-file", tls.CaFile]);
            }
            else
            {
                eppArgs.Add("--secure-serving=false");
                eppAddress = new Uri($"http://127.0.0.1:{grpcPort}");
                gatewayArgs.AddRange(["--epp", eppAddress.ToString()]);
            }

            if (spec.WithFlowControl)
            {
                eppArgs.AddRange(LiveFlowControl.EppArguments(spec.LogDirectory, options.Sheddable?.Objective ?? SheddableTraffic.DefaultObjective));
            }

            eppArgs.AddRange(options.EppArguments);
            Announce(progress, group.Start("epp", epp, eppArgs, Path.Combine(spec.LogDirectory, "epp.log")), $"127.0.0.1:{grpcPort}");
            eppHealth = new Uri($"http://127.0.0.1:{healthPort}");
        }

        Announce(progress, group.Start("gateway", eppsim, gatewayArgs, Path.Combine(spec.LogDirectory, "gateway.log")), $"127.0.0.1:{gatewayPort}");

        var admin = new Uri($"http://127.0.0.1:{adminPort}");
        var checks = endpoints.Select(e => (Func<HttpClient, CancellationToken, Task<bool>>)((c, t) => HttpOkAsync(c, new Uri($"http://{e}/health"), t))).ToList();
        checks.Add((c, t) => HttpOkAsync(c, new Uri(admin, "/ready"), t));
        await WaitUntilReadyAsync(group, checks, eppHealth, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        progress($"{group.Processes.Count} processes ready in {clock.Elapsed.TotalSeconds:0.0}s");
        var eppMetrics = spec.WithEpp ? new Uri($"http://127.0.0.1:{metricsPort}/metrics") : null;
        return new LiveFleet(new Uri($"http://127.0.0.1:{gatewayPort}"), admin, endpoints, eppAddress, caFile, eppMetrics);
    }

    private static void Announce(Action<string> progress, ManagedProcess process, string address) =>
        progress($"started {process.Name} (pid {process.Pid}) on {address}");

    private static async Task WaitUntilReadyAsync(ProcessGroup group, List<Func<HttpClient, CancellationToken, Task<bool>>> checks, Uri? eppHealth, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var epp = eppHealth is null ? null : GrpcChannel.ForAddress(eppHealth);
        var pending = checks.ToList();
        var eppReady = epp is null;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (group.Processes.FirstOrDefault(p => p.HasExited) is { } exited)
            {
                throw new LiveRunException($"{exited.Name} exited during start-up; the end of {exited.LogPath}:\n{exited.Tail()}");
            }

            var results = await Task.WhenAll(pending.Select(check => check(client, cancellationToken))).ConfigureAwait(false);
            pending = [.. pending.Where((_, i) => !results[i])];
            if (!eppReady) eppReady = await EppServingAsync(epp!, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0 && eppReady) return;
            if (deadline.Elapsed > timeout)
            {
                throw new LiveRunException($"the processes were not ready within {timeout.TotalSeconds:0}s ({pending.Count} HTTP servers{(eppReady ? "" : " and the EPP")} not answering)");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> HttpOkAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> EppServingAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var response = await channel.UnaryAsync(HealthService.CheckPath, new HealthCheckRequest(), HealthCheckResponse.Parser,
                new CallOptions(DateTime.UtcNow.AddSeconds(2), CancellationToken: cancellationToken)).ConfigureAwait(false);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
