using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EppOperator.Sim.Cli;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Gateway;

/// <summary><c>eppsim gateway</c>: the development gateway (Envoy's part) in front of a pool, with or without an EPP.</summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "0.0.0.0" };
        var port = new Option<int>("--port") { Description = "Client port (HTTP/1.1 and h2c); 0 picks one", DefaultValueFactory = _ => 8080 };
        var adminPort = new Option<int>("--admin-port") { Description = "Port of /metrics, /stats/ext_proc and /ready; 0 picks one", DefaultValueFactory = _ => 9901 };
        var endpoints = new Option<string>("--endpoints") { Description = "The pool: ip:port,ip:port ([v6]:port for IPv6); nothing outside it is ever contacted", Required = true };
        var epp = new Option<string?>("--epp") { Description = "The EPP's ext_proc address: https://host:port (TLS) or http://host:port (h2c); without it the gateway routes round-robin" };
        var eppCa = new Option<FileInfo?>("--epp-ca-file") { Description = "PEM certificate of the CA (or the self-signed certificate) the EPP's TLS certificate must chain to" };
        var failOpen = new Option<bool>("--fail-open") { Description = "When the EPP is unavailable or fails, route round-robin instead of answering 500 (504 on timeout)" };
        var eppTimeout = new Option<double>("--epp-timeout") { Description = "Seconds to wait for an answer the gateway needs from the EPP", DefaultValueFactory = _ => 10 };
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "Seconds to connect to an endpoint before trying the next", DefaultValueFactory = _ => 5 };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Endpoints tried per request on connection failure (the EPP's list, then round-robin)", DefaultValueFactory = _ => 3 };
        var maxBody = new Option<int>("--max-request-body-mb") { Description = "Larger request bodies get 413", DefaultValueFactory = _ => 16 };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level (the access log is Information)", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("gateway", "Run the development gateway: an HTTP proxy that calls the EPP over Envoy's ext_proc protocol (FULL_DUPLEX_STREAMED)")
        {
            host, port, adminPort, endpoints, epp, eppCa, failOpen, eppTimeout, connectTimeout, maxAttempts, maxBody, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(host), out var address)) return Fail($"--host: '{parse.GetValue(host)}' is not an IP address");
            if (parse.GetValue(port) is < 0 or > 65535) return Fail("--port must be within [0, 65535]");
            if (parse.GetValue(adminPort) is < 0 or > 65535) return Fail("--admin-port must be within [0, 65535]");
            if (parse.GetValue(port) != 0 && parse.GetValue(port) == parse.GetValue(adminPort)) return Fail("--port and --admin-port: both use the same port");
            var pool = EndpointPool.TryParse(parse.GetValue(endpoints)!, out var poolError);
            if (pool is null) return Fail("--endpoints: " + poolError);
            if (parse.GetValue(eppTimeout) is <= 0 or > 3600) return Fail("--epp-timeout must be within (0, 3600] seconds");
            if (parse.GetValue(connectTimeout) is <= 0 or > 600) return Fail("--connect-timeout must be within (0, 600] seconds");
            if (parse.GetValue(maxAttempts) is < 1 or > 100) return Fail("--max-attempts must be within [1, 100]");
            if (parse.GetValue(maxBody) is < 1 or > 1024) return Fail("--max-request-body-mb must be within [1, 1024]");

            Uri? eppAddress = null;
            if (parse.GetValue(epp) is { } eppText)
            {
                if (!Uri.TryCreate(eppText, UriKind.Absolute, out eppAddress) || eppAddress.Scheme is not ("http" or "https"))
                {
                    return Fail($"--epp: '{eppText}' is not an http:// (h2c) or https:// (TLS) address");
                }

                if (eppAddress.Scheme == "https" && parse.GetValue(eppCa) is null)
                {
                    // Never trust an EPP blindly: it decides where every request goes.
                    return Fail("--epp: an https EPP needs --epp-ca-file (the CA or self-signed certificate to verify it with)");
                }
            }
            else if (parse.GetValue(eppCa) is not null || parse.GetValue(failOpen))
            {
                return Fail("--epp-ca-file and --fail-open need --epp");
            }

            X509Certificate2? ca = null;
            if (parse.GetValue(eppCa) is { } caFile)
            {
                try
                {
                    ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile.FullName));
                }
                catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
                {
                    return Fail($"--epp-ca-file: '{caFile.FullName}' is not a readable PEM certificate: {ex.Message}");
                }
            }

            var options = new GatewayOptions
            {
                Address = address,
                Port = parse.GetValue(port),
                AdminPort = parse.GetValue(adminPort),
                Pool = pool,
                EppAddress = eppAddress,
                EppCertificateAuthority = ca,
                FailOpen = parse.GetValue(failOpen),
                EppTimeout = TimeSpan.FromSeconds(parse.GetValue(eppTimeout)),
                UpstreamConnectTimeout = TimeSpan.FromSeconds(parse.GetValue(connectTimeout)),
                MaxAttempts = parse.GetValue(maxAttempts),
                MaxRequestBodyBytes = parse.GetValue(maxBody) * 1024 * 1024,
                LogLevel = parse.GetValue(logLevel),
            };

            await using var server = await GatewayServer.StartAsync(options, TimeProvider.System, cancellationToken);
            return await CommandExit.ServeUntilStoppedAsync(server.WaitForShutdownAsync, cancellationToken);
        });
        return command;
    }

    private static int Fail(string message) => CommandExit.Fail("gateway", message);
}
