namespace EppOperator.Sim.Gateway;

/// <summary>
/// An ordered HTTP header map with lower-case names, pseudo-headers (<c>:method</c>, <c>:path</c>, <c>:status</c>...)
/// included, as Envoy keeps one per direction: it is what goes to the EPP, what the EPP's mutations apply to, and
/// what is forwarded afterwards.
/// </summary>
internal sealed class HeaderBlock
{
    private readonly List<KeyValuePair<string, string>> _headers = new(24);

    public int Count => _headers.Count;

    public IReadOnlyList<KeyValuePair<string, string>> Entries => _headers;

    /// <summary>The first value of <paramref name="name"/> (lower-case), or null.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in _headers)
        {
            if (key == name) return value;
        }

        return null;
    }

    public bool Contains(string name) => Get(name) is not null;

    public HeaderBlock Clone()
    {
        var copy = new HeaderBlock();
        copy._headers.AddRange(_headers);
        return copy;
    }

    /// <summary>Adds a value, keeping any existing ones.</summary>
    public void Add(string name, string value) => _headers.Add(new(Lower(name), value));

    /// <summary>Replaces every value of <paramref name="name"/> with <paramref name="value"/>, in the first one's place.</summary>
    public void Set(string name, string value)
    {
        name = Lower(name);
        var index = _headers.FindIndex(h => h.Key == name);
        if (index < 0)
        {
            _headers.Add(new(name, value));
            return;
        }

        _headers[index] = new(name, value);
        for (var i = _headers.Count - 1; i > index; i--)
        {
            if (_headers[i].Key == name) _headers.RemoveAt(i);
        }
    }

    /// <summary>Removes every value of <paramref name="name"/>; returns how many there were.</summary>
    public int Remove(string name)
    {
        name = Lower(name);
        return _headers.RemoveAll(h => h.Key == name);
    }

    private static string Lower(string name)
    {
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c)) return name.ToLowerInvariant();
        }

        return name;
    }
}
