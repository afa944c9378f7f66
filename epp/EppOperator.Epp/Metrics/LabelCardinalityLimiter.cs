using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// Bounds the distinct values of one metric label that comes from user input (a model name from a request body):
/// the first <see cref="MaxValues"/> distinct values pass through, later ones and over-long ones become
/// <see cref="TagSet.OverflowValue"/>. Prometheus series never expire, so without this any client could grow the
/// EPP's memory and the monitoring system's by sending made-up names (llm-d-router #1909 caps at 1000).
/// </summary>
internal sealed class LabelCardinalityLimiter
{
    public const int DefaultMaxValues = 1000;
    public const int DefaultMaxValueLength = 256;

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _knownBySpan;
    private readonly Lock _addLock = new();
    private readonly ILogger _logger;
    private bool _reportedFull;

    public LabelCardinalityLimiter(string label, int maxValues = DefaultMaxValues, int maxValueLength = DefaultMaxValueLength, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValues, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValueLength, 1);
        Label = label;
        MaxValues = maxValues;
        MaxValueLength = maxValueLength;
        _logger = logger ?? NullLogger.Instance;
        _knownBySpan = _known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The label this limiter guards, for the log line when it fills up.</summary>
    public string Label { get; }

    public int MaxValues { get; }

    public int MaxValueLength { get; }

    /// <summary>Distinct values admitted so far.</summary>
    public int Count => _known.Count;

    /// <summary>The value itself while it is known or there is room, else <c>"other"</c>.</summary>
    public string Limit(string value) => Limit(value.AsSpan(), value);

    /// <summary>As <see cref="Limit(string)"/>; allocates a string only for a value seen for the first time.</summary>
    public string Limit(ReadOnlySpan<char> value) => Limit(value, null);

    private string Limit(ReadOnlySpan<char> value, string? asString)
    {
        if (_knownBySpan.TryGetValue(value, out var known)) return known;
        if (value.Length > MaxValueLength) return TagSet.OverflowValue;

        lock (_addLock)
        {
            if (_knownBySpan.TryGetValue(value, out known)) return known;
            if (_known.Count >= MaxValues)
            {
                if (!_reportedFull)
                {
                    _reportedFull = true;
                    MetricsLog.LabelValueLimitReached(_logger, Label, MaxValues);
                }

                return TagSet.OverflowValue;
            }

            var admitted = asString ?? value.ToString();
            _known[admitted] = admitted;
            return admitted;
        }
    }
}
