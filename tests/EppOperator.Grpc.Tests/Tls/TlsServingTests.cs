using System.Text.Json;
using EppOperator.Epp.Grpc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Epp.Grpc.Health;
using EppOperator.Epp.Grpc.Server;
using EppOperator.Epp.Tls;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Interop.V1;
using EppOperator.Testing.Interop;
using EppOperator.Testing.Net;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Grpc.Tests.Tls;

/// <summary>TLS on the wire: the generated self-signed certificate and certificate rotation from a directory.</summary>
[TestFixture]
public sealed class TlsServingTests
{
    [Test]
    public async Task SelfSigned_ClientPinningIt_ConnectsByLocalhostName()
    {
        // Arrange
        using var certificates = ServerCertificateProvider.SelfSigned(SubjectAlternativeNames.ForThisHost([]), TimeSpan.FromDays(1), NullLogger.Instance, TimeProvider.System);
        await using var server = await StartEchoAsync(certificates);
        using var channel = GrpcChannel.ForAddress(new Uri($"https://localhost:{server.Port}"), new GrpcChannelOptions { TrustedCertificateAuthority = certificates.Current });

        // Act
        var response = await channel.UnaryAsync(EchoService.UnaryPath, new EchoRequest { Sequence = 5 }, EchoResponse.Parser);

        // Assert
        Assert.That(response.Sequence, Is.EqualTo(5));
    }

    [Test]
    public async Task SelfSigned_GrpcJsPinningIt_HealthCheckByLocalhostAndLoopbackIp()
    {
        // Arrange: an independent TLS stack (node's OpenSSL) must accept the generated certificate's SANs.
        var node = InteropEnvironment.RequireNodeGrpc();
        using var certificates = ServerCertificateProvider.SelfSigned(SubjectAlternativeNames.ForThisHost([]), TimeSpan.FromDays(1), NullLogger.Instance, TimeProvider.System);
        await using var server = await StartEchoAsync(certificates);
        var temp = Directory.CreateTempSubdirectory("epp-selfsigned-");
        var pem = Path.Combine(temp.FullName, "self.pem");
        await File.WriteAllTextAsync(pem, certificates.Current.ExportCertificatePem());
        var script = Path.Combine(InteropEnvironment.InteropDirectory, "grpc_js_client.js");

        try
        {
            foreach (var host in new[] { "localhost", "127.0.0.1" })
            {
                // Act
                var result = await ChildProcess.RunAsync(node, [script, "--target", $"{host}:{server.Port}", "--ca", pem, "--scenario", "unimplemented"], TimeSpan.FromMinutes(1), InteropEnvironment.InteropDirectory);

                // Assert: UNIMPLEMENTED means TLS verification passed and the call reached the server.
                Assert.That(result.ExitCode, Is.EqualTo(0), result.Describe());
                var report = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]).RootElement;
                Assert.That(report.GetProperty("unknownServiceCode").GetInt32(), Is.EqualTo(12), $"{host}: {result.Describe()}");
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Test]
    public async Task CertDirectory_RotatedToAnotherCa_NewConnectionsGetNewCertificate()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("epp-rotate-");
        using var firstCa = CertificateAuthority.Create("first CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        using var secondCa = CertificateAuthority.Create("second CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        WriteIssued(firstCa, directory.FullName);
        using var certificates = ServerCertificateProvider.FromDirectory(directory.FullName, TimeSpan.Zero, NullLogger.Instance, TimeProvider.System);
        await using var server = await StartEchoAsync(certificates);
        using var before = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TrustedCertificateAuthority = firstCa.Certificate });
        await before.UnaryAsync(EchoService.UnaryPath, new EchoRequest(), EchoResponse.Parser);

        try
        {
            // Act
            WriteIssued(secondCa, directory.FullName);
            certificates.Reload();
            using var trustingSecond = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TrustedCertificateAuthority = secondCa.Certificate });
            using var trustingFirst = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TrustedCertificateAuthority = firstCa.Certificate });
            var afterRotation = await trustingSecond.UnaryAsync(EchoService.UnaryPath, new EchoRequest { Sequence = 2 }, EchoResponse.Parser);
            var staleTrust = Assert.ThrowsAsync<RpcException>(() => trustingFirst.UnaryAsync(EchoService.UnaryPath, new EchoRequest(), EchoResponse.Parser));

            // Assert
            Assert.That(afterRotation.Sequence, Is.EqualTo(2));
            Assert.That(staleTrust!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void WriteIssued(CertificateAuthority ca, string directory)
    {
        using var certificate = ca.IssueServerCertificate(SubjectAlternativeNames.Parse(["localhost", "127.0.0.1"]), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), "epp");
        CertificatePem.Export(certificate).WriteTo(directory);
    }

    private static Task<GrpcServer> StartEchoAsync(ServerCertificateProvider certificates)
    {
        var registry = new GrpcMethodRegistry();
        new EchoService(new CallProbe()).Register(registry);
        var health = new HealthStatusRegistry();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        new HealthService(health).Register(registry);
        return GrpcServer.StartAsync(registry, GrpcServerEndpoint.Loopback(0, certificates));
    }
}
