using System.Text;

namespace EppOperator.Kube.Client;

/// <summary>Builds a URL query string, skipping null values and escaping the rest.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null) return this;
        if (_query.Length > 0) _query.Append('&');
        _query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public override string ToString() => _query.ToString();
}
