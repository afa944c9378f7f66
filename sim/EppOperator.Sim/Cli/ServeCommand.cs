using System.CommandLine;
using System.Net;
using EppOperator.Sim.Engine;
using EppOperator.Sim.Serve;
using Microsoft.Extensions.Logging;

namespace EppOperator.Sim.Cli;

/// <summary><c>eppsim serve</c>: one simulated vLLM model server on a port.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "0.0.0.0" };
        var port = new Option<int>("--port") { Description = "Port for the OpenAI API, /health and /metrics (HTTP/1.1 and h2c); 0 picks one", DefaultValueFactory = _ => 8000 };
        var model = new Option<string>("--model") { Description = "Served base model name", DefaultValueFactory = _ => "meta-llama/Llama-3.1-8B-Instruct" };
        var loras = new Option<string?>("--lora-modules") { Description = "Comma-separated LoRA adapter names served on top of the model" };
        var podName = new Option<string?>("--pod-name") { Description = "Name sent as x-inference-pod (default: $POD_NAME, else the host name)" };
        var timeScale = new Option<double>("--time-scale") { Description = "Multiply every engine duration (0.1 = ten times faster than real)", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of output lengths and step-time jitter", DefaultValueFactory = _ => 42 };
        var maxBody = new Option<int>("--max-request-body-mb") { Description = "Larger request bodies get 413", DefaultValueFactory = _ => 4 };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level", DefaultValueFactory = _ => LogLevel.Information };
        var engine = new EngineOptions();

        var command = new Command("serve", "Run a simulated vLLM model server (OpenAI API, vLLM metrics, continuous batching, prefix cache)")
        {
            host, port, model, loras, podName, timeScale, seed, maxBody, logLevel,
        };
        engine.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(host), out var address)) return Fail($"--host: '{parse.GetValue(host)}' is not an IP address");
            if (parse.GetValue(port) is < 0 or > 65535) return Fail("--port must be within [0, 65535]");
            var scale = parse.GetValue(timeScale);
            if (scale is <= 0 or > 100) return Fail("--time-scale must be within (0, 100]");
            if (parse.GetValue(maxBody) is < 1 or > 1024) return Fail("--max-request-body-mb must be within [1, 1024]");
            if (string.IsNullOrWhiteSpace(parse.GetValue(model))) return Fail("--model must not be empty");

            var profile = engine.Resolve(parse, EngineProfiles.H100Llama3_8B.Name, out var error);
            if (profile is null) return Fail(error!);

            var adapters = (parse.GetValue(loras) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new ServeOptions
            {
                Address = address,
                Port = parse.GetValue(port),
                Model = parse.GetValue(model)!,
                LoraAdapters = adapters.Distinct(StringComparer.Ordinal).ToList(),
                PodName = parse.GetValue(podName) ?? Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName,
                Profile = profile.TimeScaled(scale),
                Seed = parse.GetValue(seed),
                MaxRequestBodyBytes = parse.GetValue(maxBody) * 1024L * 1024L,
            };

            await using var server = await SimServer.StartAsync(options, parse.GetValue(logLevel), cancellationToken);
            return await CommandExit.ServeUntilStoppedAsync(server.WaitForShutdownAsync, cancellationToken);
        });
        return command;
    }

    private static int Fail(string message) => CommandExit.Fail("serve", message);
}
