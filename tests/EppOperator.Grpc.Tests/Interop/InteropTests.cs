using System.Text.Json;
using EppOperator.Grpc.Tests.Infrastructure;
using EppOperator.Testing.Interop;
using EppOperator.Testing.Net;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace EppOperator.Grpc.Tests.Interop;

/// <summary>
/// The acceptance scenarios driven by two independent gRPC implementations, over h2c and over TLS (certificate from
/// a throw-away CA, verified by the client against 127.0.0.1 as an IP SAN). Each test runs one scenario of the client
/// script and asserts on both the client's report and, where it matters, what the server observed.
/// </summary>
[TestFixture(InteropClient.GrpcJs, false)]
[TestFixture(InteropClient.GrpcJs, true)]
[TestFixture(InteropClient.Grpcio, false)]
[TestFixture(InteropClient.Grpcio, true)]
[Parallelizable(ParallelScope.None)]
public sealed class InteropTests(InteropClient client, bool tls)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ServerObservationTimeout = TimeSpan.FromSeconds(15);

    private EchoTestServer _server = null!;
    private string _program = null!;
    private string _script = null!;
    private string? _descriptors;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        if (client == InteropClient.GrpcJs)
        {
            _program = InteropEnvironment.RequireNodeGrpc();
            _script = Path.Combine(InteropEnvironment.InteropDirectory, "grpc_js_client.js");
        }
        else
        {
            _program = InteropEnvironment.RequirePythonGrpc();
            _script = Path.Combine(InteropEnvironment.InteropDirectory, "grpcio_client.py");
        }

        _server = await EchoTestServer.StartAsync(tls);
        if (client == InteropClient.Grpcio)
        {
            _descriptors = InteropDescriptors.Write(_server.TempDirectory);
        }
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task PingPong_TenThousandMessagesOnOneStream_EveryMessageEchoedThenOk()
    {
        // Act
        var report = await RunScenarioAsync("pingpong", "--count", "10000");

        // Assert
        Assert.That(report.GetProperty("ok").GetBoolean(), Is.True, report.ToString());
        Assert.That(report.GetProperty("count").GetInt32(), Is.EqualTo(10000));
        Assert.That(report.GetProperty("code").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task Health_CheckAndWatch_FollowGrpcHealthSemantics()
    {
        // Arrange
        _server.Health.SetStatus(EchoTestServer.ToggleService, ServingStatus.Serving);

        // Act: once the client watches the toggle service, flip it so Watch must push the change.
        var run = RunScenarioAsync("health");
        var watching = await PollAsync(() => _server.Health.WatcherCount(EchoTestServer.ToggleService) > 0 || run.IsCompleted);
        _server.Health.SetStatus(EchoTestServer.ToggleService, ServingStatus.NotServing);
        var report = await run;

        // Assert
        Assert.That(watching, Is.True, "the client never opened a Watch on the toggle service");
        Assert.That(report.GetProperty("checkCode").GetInt32(), Is.EqualTo(0), report.ToString());
        Assert.That(report.GetProperty("checkStatus").GetInt32(), Is.EqualTo((int)ServingStatus.Serving));
        Assert.That(report.GetProperty("checkUnknownCode").GetInt32(), Is.EqualTo(5), "Check of an unknown service is NOT_FOUND");
        Assert.That(Ints(report.GetProperty("watchUnknown")), Is.EqualTo(new[] { (int)ServingStatus.ServiceUnknown }));
        Assert.That(Ints(report.GetProperty("watchToggle")), Is.EqualTo(new[] { (int)ServingStatus.Serving, (int)ServingStatus.NotServing }));
    }

    [Test]
    public async Task Oversize_FiveMebibyteMessage_ResourceExhaustedAndServerKeepsServing()
    {
        // Act
        var report = await RunScenarioAsync("oversize");

        // Assert
        Assert.That(report.GetProperty("firstAnswered").GetBoolean(), Is.True, report.ToString());
        Assert.That(report.GetProperty("code").GetInt32(), Is.EqualTo(8), "RESOURCE_EXHAUSTED");
        Assert.That(report.GetProperty("afterCode").GetInt32(), Is.EqualTo(0), "a new call after the rejection must succeed");
    }

    [Test]
    public async Task Cancel_MidStream_ClientSeesCancelledAndServerObservesIt()
    {
        // Arrange
        var tag = NewTag("cancel");

        // Act
        var report = await RunScenarioAsync("cancel", "--tag", tag);
        var observed = await _server.Probe.WaitAsync(tag, ServerObservationTimeout);

        // Assert
        Assert.That(report.GetProperty("answered").GetInt32(), Is.EqualTo(3), report.ToString());
        Assert.That(report.GetProperty("code").GetInt32(), Is.EqualTo(1), "CANCELLED");
        Assert.That(observed?.Cancelled, Is.True, "the server handler never saw its call cancelled");
    }

    [Test]
    public async Task Unimplemented_UnknownMethodAndService_Unimplemented()
    {
        // Act
        var report = await RunScenarioAsync("unimplemented");

        // Assert
        Assert.That(report.GetProperty("unknownMethodCode").GetInt32(), Is.EqualTo(12), report.ToString());
        Assert.That(report.GetProperty("unknownServiceCode").GetInt32(), Is.EqualTo(12), report.ToString());
    }

    [Test]
    public async Task Deadline_TimeoutExpires_DeadlineExceededAndServerAppliedIt()
    {
        // Arrange
        var tag = NewTag("deadline");
        var before = DateTime.UtcNow;

        // Act: the handler waits 30 s; the client allows 500 ms.
        var report = await RunScenarioAsync("deadline", "--tag", tag);
        var observed = await _server.Probe.WaitAsync(tag, ServerObservationTimeout);

        // Assert
        Assert.That(report.GetProperty("code").GetInt32(), Is.EqualTo(4), report.ToString());
        Assert.That(observed?.Cancelled, Is.True, "the server handler was not cancelled");
        Assert.That(observed!.Deadline, Is.InRange(before, before.AddSeconds(10)), "the server did not apply the grpc-timeout it received");
    }

    private async Task<JsonElement> RunScenarioAsync(string scenario, params string[] extra)
    {
        var arguments = new List<string> { _script, "--target", _server.Target, "--scenario", scenario };
        if (_server.CaPemPath is { } ca)
        {
            arguments.AddRange(["--ca", ca]);
        }

        if (_descriptors is not null)
        {
            arguments.AddRange(["--descriptors", _descriptors]);
        }

        arguments.AddRange(extra);
        var result = await ChildProcess.RunAsync(_program, arguments, ScriptTimeout, InteropEnvironment.InteropDirectory);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Describe());

        var lastLine = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.That(lastLine, Is.Not.Null, result.Describe());
        TestContext.Out.WriteLine($"{client} {(tls ? "TLS" : "h2c")} {scenario}: {lastLine}");
        return JsonDocument.Parse(lastLine!).RootElement.Clone();
    }

    private static async Task<bool> PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ScriptTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private string NewTag(string scenario) => $"{client}-{(tls ? "tls" : "h2c")}-{scenario}-{Guid.NewGuid():N}";

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
