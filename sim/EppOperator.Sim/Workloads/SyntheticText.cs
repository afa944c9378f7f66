using System.Text;

namespace EppOperator.Sim.Workloads;

/// <summary>
/// Filler text of an exact token count (4 characters per token): lower-case words and spaces drawn from a seeded
/// random, so it needs no escaping in JSON and two draws share no prefix beyond chance.
/// </summary>
internal static class SyntheticText
{
    private static readonly string[] Words =
    [
        "the", "model", "server", "cache", "prefix", "token", "batch", "queue", "route", "pod", "gateway", "request",
        "latency", "context", "agent", "query", "answer", "system", "user", "stream", "block", "kernel", "tensor",
        "weight", "layer", "attention", "decode", "prefill", "schedule", "score", "pick", "endpoint", "pool", "fleet",
        "metric", "scrape", "policy", "load", "burst", "chat", "code", "review", "file", "function", "class", "test",
        "build", "deploy", "cluster", "node", "service", "config", "value", "error", "retry", "timeout", "result",
    ];

    public static string Generate(Random random, int tokens)
    {
        var length = tokens * Engine.TextTokenizer.CharsPerToken;
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            builder.Append(Words[random.Next(Words.Length)]);
            builder.Append(' ');
        }

        builder.Length = length;
        return builder.ToString();
    }

    /// <summary>A seed for one named stream of randomness (splitmix64 of the inputs), so each text is independent
    /// of how many others were drawn before it.</summary>
    public static int DeriveSeed(int seed, int stream, int a, int b = 0)
    {
        var x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream << 40 ^ (ulong)(uint)a << 20 ^ (uint)b;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }
}
