namespace EppOperator.Epp.Metrics;

/// <summary>
/// Equality of <see cref="TagSet"/>s, and of a measurement's raw tag span against a stored set, so the hot path
/// finds an existing series through a dictionary's alternate lookup without building a key.
/// </summary>
internal sealed class TagSetComparer : IEqualityComparer<TagSet>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, TagSet>
{
    public static readonly TagSetComparer Instance = new();

    public bool Equals(TagSet? x, TagSet? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && x.Labels.AsSpan().SequenceEqual(y.Labels));

    public int GetHashCode(TagSet obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, TagSet other)
    {
        if (alternate.Length != other.Count) return false;
        Span<char> buffer = stackalloc char[64];
        foreach (var tag in alternate)
        {
            var index = other.IndexOf(tag.Key);
            if (index < 0 || !TagSet.Render(tag.Value, buffer).SequenceEqual(other.Labels[index].Value)) return false;
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
    {
        Span<char> buffer = stackalloc char[64];
        var hash = 0;
        foreach (var tag in alternate) hash = unchecked(hash + TagSet.HashTag(tag.Key, TagSet.Render(tag.Value, buffer)));
        return hash;
    }

    public TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => new(alternate, overflow: false);
}
