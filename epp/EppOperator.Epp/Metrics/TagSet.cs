using System.Globalization;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// The label set of one series, sorted by label name, with each value kept both as recorded and as exposition
/// text. Two tag lists that render to the same text are the same series, whatever their order or value types.
/// </summary>
internal sealed class TagSet : IComparable<TagSet>
{
    public const string OverflowValue = "other";

    public static readonly TagSet Empty = new([], overflow: false);

    public TagSet(ReadOnlySpan<KeyValuePair<string, object?>> tags, bool overflow)
    {
        var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags) byKey[tag.Key] = overflow ? OverflowValue : FormatValue(tag.Value);
        Labels = [.. byKey];
        var hash = 0;
        foreach (var label in Labels) hash = unchecked(hash + HashTag(label.Key, label.Value));
        Hash = hash;
    }

    public KeyValuePair<string, string>[] Labels { get; }

    public int Count => Labels.Length;

    public int Hash { get; }

    public int CompareTo(TagSet? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Min(Count, other.Count); i++)
        {
            var byKey = string.CompareOrdinal(Labels[i].Key, other.Labels[i].Key);
            if (byKey != 0) return byKey;
            var byValue = string.CompareOrdinal(Labels[i].Value, other.Labels[i].Value);
            if (byValue != 0) return byValue;
        }

        return Count.CompareTo(other.Count);
    }

    /// <summary>Index of <paramref name="key"/> in <see cref="Labels"/>, or -1.</summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < Labels.Length; i++)
        {
            if (string.Equals(Labels[i].Key, key, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    /// <summary>Order-insensitive: a sum of per-label hashes, so tag lists in any order hash alike.</summary>
    internal static int HashTag(string key, ReadOnlySpan<char> valueText) =>
        HashCode.Combine(string.GetHashCode(key.AsSpan()), string.GetHashCode(valueText));

    /// <summary>
    /// Renders a tag value into <paramref name="buffer"/> without allocating for strings, numbers and booleans
    /// (lower-case, as Prometheus labels spell them); other types fall back to <see cref="object.ToString"/>.
    /// </summary>
    internal static ReadOnlySpan<char> Render(object? value, Span<char> buffer) => value switch
    {
        null => [],
        string s => s,
        bool b => b ? "true" : "false",
        ISpanFormattable f when f.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture) => buffer[..written],
        _ => value.ToString(),
    };

    private static string FormatValue(object? value) => Render(value, stackalloc char[64]).ToString();
}
