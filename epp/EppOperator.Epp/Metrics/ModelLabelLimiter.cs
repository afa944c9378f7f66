using System.Collections.Concurrent;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// Bounds the number of distinct model names used as label values. Model names come from request bodies, so
/// without a cap a client could mint unlimited series (GAIE #1909/#2119: "Prometheus *Vec types never evict").
/// The first <see cref="Capacity"/> names are kept; any later new name is reported as <see cref="Overflow"/>.
/// </summary>
internal sealed class ModelLabelLimiter(int capacity)
{
    public const string Overflow = "other";

    private readonly ConcurrentDictionary<string, string> _admitted = new(StringComparer.Ordinal);
    private int _count;

    public int Capacity { get; } = capacity;

    public string Label(string model)
    {
        if (_admitted.TryGetValue(model, out var label)) return label;
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return Overflow;
        }

        if (!_admitted.TryAdd(model, model)) Interlocked.Decrement(ref _count);
        return model;
    }
}
