using System.Net;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Serve;

/// <summary>How one simulated model server is started.</summary>
internal sealed record ServeOptions
{
    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 8000;

    /// <summary>The served (base) model name.</summary>
    public string Model { get; init; } = "meta-llama/Llama-3.1-8B-Instruct";

    /// <summary>LoRA adapters served on top of the base model, addressed by their name in <c>model</c>.</summary>
    public IReadOnlyList<string> LoraAdapters { get; init; } = [];

    /// <summary>Sent as <c>x-inference-pod</c> on every response, so tests and demos see who served.</summary>
    public string PodName { get; init; } = Environment.MachineName;

    /// <summary>The engine profile, already time-scaled.</summary>
    public required EngineProfile Profile { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Request bodies beyond this get 413 (llm-d-inference-sim's default is 4 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;
}
