using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Health;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Epp.Tls;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Grpc.Tests.Infrastructure;

/// <summary>
/// Kestrel on a free loopback port serving the echo service and gRPC health, over h2c or over TLS with a certificate
/// issued by a throw-away CA (whose PEM is written to a temp file for the independent clients).
/// </summary>
internal sealed class EchoTestServer : IAsyncDisposable
{
    public const string ToggleService = "interop.toggle";

    private readonly DirectoryInfo _tempDirectory;
    private GrpcChannel? _channel;

    private EchoTestServer(GrpcServer server, CallProbe probe, HealthStatusRegistry health, CertificateAuthority? ca, DirectoryInfo tempDirectory)
    {
        Server = server;
        Probe = probe;
        Health = health;
        Ca = ca;
        _tempDirectory = tempDirectory;
        if (ca is not null)
        {
            CaPemPath = Path.Combine(tempDirectory.FullName, "ca.pem");
            File.WriteAllText(CaPemPath, ca.Certificate.ExportCertificatePem());
        }
    }

    public GrpcServer Server { get; }

    public CallProbe Probe { get; }

    public HealthStatusRegistry Health { get; }

    public CertificateAuthority? Ca { get; }

    /// <summary>The CA certificate as PEM for clients to trust; null for h2c.</summary>
    public string? CaPemPath { get; }

    /// <summary><c>127.0.0.1:port</c>, as gRPC clients name targets.</summary>
    public string Target => $"127.0.0.1:{Server.Port}";

    public string TempDirectory => _tempDirectory.FullName;

    public static async Task<EchoTestServer> StartAsync(bool tls, GrpcServerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        var probe = new CallProbe();
        var health = new HealthStatusRegistry();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(ToggleService, HealthCheckResponse.Types.ServingStatus.Serving);

        var registry = new GrpcMethodRegistry();
        new EchoService(probe).Register(registry);
        new HealthService(health).Register(registry);

        CertificateAuthority? ca = null;
        ServerCertificateProvider? certificate = null;
        if (tls)
        {
            var now = DateTimeOffset.UtcNow;
            ca = CertificateAuthority.Create("EppOperator test CA", now, TimeSpan.FromDays(1));
            var serverCertificate = ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["localhost", "127.0.0.1", "::1"]), now, TimeSpan.FromDays(1), "epp-test");
            certificate = ServerCertificateProvider.Fixed(serverCertificate, NullLogger.Instance, TimeProvider.System);
        }

        var server = await GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(0, certificate), options, loggerFactory);
        var temp = Directory.CreateTempSubdirectory("epp-grpc-tests-");
        return new EchoTestServer(server, probe, health, ca, temp);
    }

    /// <summary>A channel with default options (trusting the test CA under TLS), disposed with the server.</summary>
    public GrpcChannel Channel => _channel ??= CreateChannel();

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null)
    {
        options ??= new GrpcChannelOptions();
        if (Ca is not null && options.TrustedCertificateAuthority is null && options.ServerCertificateValidation is null)
        {
            options = options with { TrustedCertificateAuthority = Ca.Certificate };
        }

        return GrpcChannel.ForAddress(Server.Address, options);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await Server.DisposeAsync();
        Ca?.Dispose();
        try
        {
            _tempDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A client may still hold a file open; the OS temp cleaner gets it.
        }
    }
}
