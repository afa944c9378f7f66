using System.Globalization;
using System.Text;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Scanner for the Prometheus text exposition format (0.0.4), also accepting OpenMetrics text: comments,
/// <c># HELP</c>/<c># TYPE</c>, escaped label values, optional timestamps, <c>NaN</c>/<c>±Inf</c>, exemplars and
/// <c># EOF</c>. It works on the raw UTF-8 bytes and hands samples to an <see cref="IPrometheusSampleSink"/>, which
/// picks the families it wants by name; every other line is skipped after its name, so a scrape of a large page
/// with many histogram buckets costs a vectorised newline search per line and allocates nothing.
/// </summary>
/// <remarks>
/// A line that breaks the format is counted in <see cref="PrometheusParseStats.MalformedLines"/> and skipped; the
/// parser never throws on input. Lines of unselected families are only checked up to the end of their name.
/// Quoted (UTF-8) metric names from Prometheus 3 are not supported and count as malformed.
/// </remarks>
internal static class PrometheusTextParser
{
    private static ReadOnlySpan<byte> Help => "HELP"u8;

    private static ReadOnlySpan<byte> Type => "TYPE"u8;

    private static ReadOnlySpan<byte> Eof => "EOF"u8;

    public static PrometheusParseStats Parse(ReadOnlySpan<byte> text, IPrometheusSampleSink sink)
    {
        int lines = 0, samples = 0, malformed = 0;
        var sawEof = false;
        // A byte order mark left in place would make the first line, often a sample, malformed.
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        while (!text.IsEmpty)
        {
            ReadOnlySpan<byte> line;
            var newline = text.IndexOf((byte)'\n');
            if (newline < 0)
            {
                line = text;
                text = default;
            }
            else
            {
                line = text[..newline];
                text = text[(newline + 1)..];
            }

            line = TrimBlanks(line);
            if (line.IsEmpty) continue;

            lines++;
            var outcome = line[0] == (byte)'#' ? ParseComment(line) : ParseSample(line, sink);
            switch (outcome)
            {
                case LineOutcome.Sample: samples++; break;
                case LineOutcome.Malformed: malformed++; break;
                case LineOutcome.Eof: sawEof = true; break;
            }

            if (sawEof) break;
        }

        return new PrometheusParseStats(lines, samples, malformed, sawEof);
    }

    /// <summary>Parses a sample value as the Go reference does: decimal or exponent form, and case-insensitive <c>NaN</c>/<c>Inf</c> with an optional sign.</summary>
    public static bool TryParseValue(ReadOnlySpan<byte> token, out double value)
    {
        if (token.IsEmpty)
        {
            value = 0;
            return false;
        }

        var body = token[0] is (byte)'+' or (byte)'-' ? token[1..] : token;
        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = token[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = double.NaN;
            return true;
        }

        // The number itself must start with a digit or point: .NET would also take "Infinity" spelled other ways.
        if (body.IsEmpty || !(IsDigit(body[0]) || body[0] == (byte)'.'))
        {
            value = 0;
            return false;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Strips leading and trailing spaces, tabs and the carriage return of a CRLF line ending.</summary>
    internal static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> text)
    {
        var start = 0;
        while (start < text.Length && IsBlank(text[start])) start++;
        var end = text.Length;
        while (end > start && (IsBlank(text[end - 1]) || text[end - 1] == (byte)'\r')) end--;
        return text[start..end];
    }

    private static LineOutcome ParseComment(ReadOnlySpan<byte> line)
    {
        var rest = TrimBlanks(line[1..]);
        var keyword = TakeToken(ref rest);
        if (keyword.SequenceEqual(Eof)) return rest.IsEmpty ? LineOutcome.Eof : LineOutcome.Malformed;

        var isHelp = keyword.SequenceEqual(Help);
        if (!isHelp && !keyword.SequenceEqual(Type)) return LineOutcome.Comment;

        var name = TakeToken(ref rest);
        if (name.IsEmpty || ScanMetricName(name) != name.Length) return LineOutcome.Malformed;
        if (isHelp) return LineOutcome.Comment;

        var type = TakeToken(ref rest);
        return rest.IsEmpty && IsKnownType(type) ? LineOutcome.Comment : LineOutcome.Malformed;
    }

    private static LineOutcome ParseSample(ReadOnlySpan<byte> line, IPrometheusSampleSink sink)
    {
        var nameLength = ScanMetricName(line);
        if (nameLength == 0 || nameLength == line.Length) return LineOutcome.Malformed;

        var next = line[nameLength];
        if (next != (byte)'{' && !IsBlank(next)) return LineOutcome.Malformed;

        var name = line[..nameLength];
        var slot = sink.Select(name);
        if (slot < 0) return LineOutcome.Skipped;

        var rest = line[nameLength..];
        ReadOnlySpan<byte> labels = default;
        if (next == (byte)'{')
        {
            var end = ScanLabels(rest);
            if (end < 0) return LineOutcome.Malformed;
            labels = rest[1..(end - 1)];
            rest = rest[end..];
        }

        rest = TrimBlanks(rest);
        if (!TryParseValue(TakeToken(ref rest), out var value)) return LineOutcome.Malformed;

        double? timestamp = null;
        if (!rest.IsEmpty && rest[0] != (byte)'#')
        {
            if (!TryParseValue(TakeToken(ref rest), out var ts) || !double.IsFinite(ts)) return LineOutcome.Malformed;
            timestamp = ts;
        }

        // What may follow is an OpenMetrics exemplar ("# {labels} value"), which routing does not use.
        if (!rest.IsEmpty && rest[0] != (byte)'#') return LineOutcome.Malformed;

        sink.Accept(slot, new PrometheusSample(name, labels, value, timestamp));
        return LineOutcome.Sample;
    }

    /// <summary>Length of the metric name at the start of <paramref name="text"/>: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    private static int ScanMetricName(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || !IsNameStart(text[0])) return 0;
        var i = 1;
        while (i < text.Length && (IsNameStart(text[i]) || IsDigit(text[i]))) i++;
        return i;
    }

    /// <summary>Validates <c>{name="value",...}</c> at the start of <paramref name="text"/>; returns the index after the closing brace, or -1.</summary>
    private static int ScanLabels(ReadOnlySpan<byte> text)
    {
        var i = 1;
        while (true)
        {
            i = SkipBlanks(text, i);
            if (i >= text.Length) return -1;
            if (text[i] == (byte)'}') return i + 1;

            if (!IsLabelNameStart(text[i])) return -1;
            i++;
            while (i < text.Length && (IsLabelNameStart(text[i]) || IsDigit(text[i]))) i++;

            i = SkipBlanks(text, i);
            if (i >= text.Length || text[i] != (byte)'=') return -1;
            i = SkipBlanks(text, i + 1);
            if (i >= text.Length || text[i] != (byte)'"') return -1;

            i++;
            while (true)
            {
                if (i >= text.Length) return -1;
                var b = text[i];
                if (b == (byte)'"') break;
                if (b == (byte)'\\')
                {
                    if (i + 1 >= text.Length || text[i + 1] is not ((byte)'\\' or (byte)'"' or (byte)'n')) return -1;
                    i += 2;
                    continue;
                }

                i++;
            }

            i = SkipBlanks(text, i + 1);
            if (i >= text.Length) return -1;
            if (text[i] == (byte)',')
            {
                i++;
                continue;
            }

            if (text[i] == (byte)'}') return i + 1;
            return -1;
        }
    }

    /// <summary>Takes the next blank-separated token and leaves <paramref name="rest"/> at the token after it.</summary>
    private static ReadOnlySpan<byte> TakeToken(ref ReadOnlySpan<byte> rest)
    {
        var end = 0;
        while (end < rest.Length && !IsBlank(rest[end])) end++;
        var token = rest[..end];
        rest = TrimBlanks(rest[end..]);
        return token;
    }

    private static bool IsKnownType(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("counter"u8) || type.SequenceEqual("gauge"u8) || type.SequenceEqual("histogram"u8)
        || type.SequenceEqual("summary"u8) || type.SequenceEqual("untyped"u8) || type.SequenceEqual("unknown"u8)
        || type.SequenceEqual("info"u8) || type.SequenceEqual("stateset"u8) || type.SequenceEqual("gaugehistogram"u8);

    private static int SkipBlanks(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && IsBlank(text[i])) i++;
        return i;
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsLabelNameStart(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_';

    private static bool IsNameStart(byte b) => IsLabelNameStart(b) || b == (byte)':';

    private enum LineOutcome
    {
        Sample,
        Skipped,
        Comment,
        Malformed,
        Eof,
    }
}
