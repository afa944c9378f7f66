namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// A parsed <c>labelSelector</c> query: equality (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>), set
/// (<c>a in (x,y)</c>, <c>a notin (x)</c>) and existence (<c>a</c>, <c>!a</c>) terms, all of which must hold.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _terms;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> terms) => _terms = terms;

    public static LabelSelector Everything { get; } = new([]);

    /// <exception cref="ApiError">400 when the selector does not parse.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in SplitTerms(text))
        {
            var term = raw.Trim();
            if (term.Length == 0) throw ApiError.BadRequest($"unable to parse requirement: empty term in \"{text}\"");
            terms.Add(ParseTerm(term, text));
        }

        return new LabelSelector(terms);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var term in _terms)
        {
            if (!term(labels)) return false;
        }

        return true;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term, string text)
    {
        if (term.StartsWith('!'))
        {
            var key = Key(term[1..], text);
            return labels => !labels.ContainsKey(key);
        }

        var setMatch = System.Text.RegularExpressions.Regex.Match(term, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var key = Key(setMatch.Groups[1].Value, text);
            var values = setMatch.Groups[3].Value.Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return setMatch.Groups[2].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var index = term.IndexOf(op, StringComparison.Ordinal);
            if (index < 0) continue;
            var key = Key(term[..index], text);
            var value = term[(index + op.Length)..].Trim();
            return op == "!="
                ? labels => !labels.TryGetValue(key, out var v) || v != value
                : labels => labels.TryGetValue(key, out var v) && v == value;
        }

        var existsKey = Key(term, text);
        return labels => labels.ContainsKey(existsKey);
    }

    private static string Key(string key, string text)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace) || key.Contains('(', StringComparison.Ordinal))
        {
            throw ApiError.BadRequest($"unable to parse requirement: invalid label key \"{key}\" in \"{text}\"");
        }

        return key;
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
