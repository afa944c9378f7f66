namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Walks a label block the parser has already validated (<c>name="value",...</c>), so it can assume the syntax
/// and only has to find the boundaries, honouring escaped quotes inside values.
/// </summary>
internal ref struct PrometheusLabelEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    public PrometheusLabelEnumerator(ReadOnlySpan<byte> rawLabels)
    {
        _remaining = rawLabels;
        Current = default;
    }

    public PrometheusLabel Current { get; private set; }

    public readonly PrometheusLabelEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        var text = PrometheusTextParser.TrimBlanks(_remaining);
        if (text.IsEmpty) return false;

        var equals = text.IndexOf((byte)'=');
        var name = PrometheusTextParser.TrimBlanks(text[..equals]);
        var open = equals + 1 + text[(equals + 1)..].IndexOf((byte)'"');
        var i = open + 1;
        while (text[i] != (byte)'"') i += text[i] == (byte)'\\' ? 2 : 1;

        Current = new PrometheusLabel(name, text[(open + 1)..i]);
        var rest = PrometheusTextParser.TrimBlanks(text[(i + 1)..]);
        _remaining = !rest.IsEmpty && rest[0] == (byte)',' ? rest[1..] : rest;
        return true;
    }
}
