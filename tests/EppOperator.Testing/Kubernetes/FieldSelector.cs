using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// A parsed <c>fieldSelector</c>: <c>path=value</c>, <c>path==value</c> and <c>path!=value</c> terms on dotted
/// paths. The real server supports only a few fields per type (always <c>metadata.name</c> and
/// <c>metadata.namespace</c>); this fixture evaluates any path.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string, string, bool)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <exception cref="ApiError">400 when a term does not parse.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var (op, equal) = term.Contains("!=", StringComparison.Ordinal) ? ("!=", false) : term.Contains("==", StringComparison.Ordinal) ? ("==", true) : ("=", true);
            var index = term.IndexOf(op, StringComparison.Ordinal);
            if (index <= 0) throw ApiError.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            terms.Add((term[..index].Trim(), term[(index + op.Length)..].Trim(), equal));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, value, equal) in _terms)
        {
            var actual = Meta.PathText(obj, path) ?? "";
            if ((actual == value) != equal) return false;
        }

        return true;
    }
}
