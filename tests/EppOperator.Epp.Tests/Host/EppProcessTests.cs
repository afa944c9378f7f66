using System.Diagnostics;
using System.Globalization;
using System.Text;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using EppOperator.Epp.Grpc.Client;
using EppOperator.Testing.Net;
using static EppOperator.Epp.Tests.ExtProc.Support.ExtProcMessages;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Epp.Tests.Host;

/// <summary>The <c>epp</c> executable as a process: exit codes and the SIGTERM drain.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EppProcessTests
{
    private static string EppDll => Path.Combine(AppContext.BaseDirectory, "epp.dll");

    [Test]
    public async Task Epp_BadFlag_ExitCode2NamingTheFlag()
    {
        var result = await ChildProcess.RunAsync("dotnet", [EppDll, "--endpoints", "10.0.0.1:8000", "--grpc-port", "nope"], TimeSpan.FromSeconds(60));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.Contain("--grpc-port"));
    }

    [Test]
    public async Task Epp_Sigterm_ReadinessNotServingInFlightStreamCompletesThenExitsZero()
    {
        // Arrange: a running epp with one routed exchange whose response has not arrived yet.
        var grpcPort = FreePort.Next();
        var healthPort = FreePort.Next();
        using var process = ChildProcess.Start("dotnet",
        [
            EppDll, "--endpoints", "10.0.0.1:8000", "--grpc-port", Port(grpcPort), "--grpc-health-port", Port(healthPort),
            "--metrics-port", "0", "--secure-serving=false", "--drain-timeout", "30s",
        ]);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var health = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{healthPort}"));
            await WaitForAsync(health, "readiness", ServingStatus.Serving, process, output);
            using var extProc = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{grpcPort}"));
            using var call = extProc.DuplexStreaming<ProcessingRequest, ProcessingResponse>(ExtProcConstants.ProcessMethod, ProcessingResponse.Parser);
            await call.RequestStream.WriteAsync(CompletionsHeaders(), CancellationToken.None);
            await call.RequestStream.WriteAsync(RequestBody("""{"model":"m","prompt":"p"}""", endOfStream: true), CancellationToken.None);
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

            // Act
            var kill = await ChildProcess.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            await WaitForAsync(health, "readiness", ServingStatus.NotServing, process, output);
            var liveness = await EppHostTests.CheckAsync(health, "liveness");
            await call.RequestStream.WriteAsync(ResponseHeaders(("content-type", "application/json")), CancellationToken.None);
            await call.RequestStream.WriteAsync(ResponseBody("""{"usage":{"prompt_tokens":1,"completion_tokens":1}}""", endOfStream: true), CancellationToken.None);
            var replies = 0;
            while (replies < 2 && await call.ResponseStream.MoveNext(CancellationToken.None)) replies++;
            await call.RequestStream.CompleteAsync();
            var ended = !await call.ResponseStream.MoveNext(CancellationToken.None);
            using var exitWait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exitWait.Token);

            // Assert
            Assert.That(kill.ExitCode, Is.Zero);
            Assert.That(liveness, Is.EqualTo(ServingStatus.Serving));
            Assert.That(replies, Is.EqualTo(2), "the in-flight exchange was answered after SIGTERM");
            Assert.That(ended, Is.True);
            Assert.That(call.GetStatus().StatusCode, Is.EqualTo(EppOperator.Epp.Grpc.StatusCode.OK));
            Assert.That(process.ExitCode, Is.Zero, Read(output));
            Assert.That(Read(output), Does.Contain("waiting up to"));
        }
        finally
        {
            ChildProcess.Kill(process);
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string Read(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static async Task WaitForAsync(GrpcChannel health, string service, ServingStatus expected, Process process, StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await EppHostTests.CheckAsync(health, service) == expected) return;
            }
            catch (EppOperator.Epp.Grpc.RpcException)
            {
                // Not listening yet.
            }

            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"{service} never became {expected}; epp output:\n{Read(output)}");
            }

            await Task.Delay(50);
        }
    }
}
