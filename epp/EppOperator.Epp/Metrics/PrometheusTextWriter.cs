using System.Globalization;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// Low-level writer for the Prometheus text exposition format (version 0.0.4): family headers and samples
/// with escaped label values. Shared by the EPP's <c>/metrics</c> and the simulator's vLLM-style metrics.
/// </summary>
internal sealed class PrometheusTextWriter(TextWriter writer)
{
    /// <summary>Content type a scraper expects for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public void WriteFamilyHeader(string name, string help, string type)
    {
        writer.Write("# HELP ");
        writer.Write(name);
        writer.Write(' ');
        WriteEscaped(help, escapeQuotes: false);
        writer.Write('\n');
        writer.Write("# TYPE ");
        writer.Write(name);
        writer.Write(' ');
        writer.Write(type);
        writer.Write('\n');
    }

    public void WriteSample(string name, double value) => WriteSample(name, [], value);

    public void WriteSample(string name, ReadOnlySpan<KeyValuePair<string, string>> labels, double value)
    {
        writer.Write(name);
        if (labels.Length > 0)
        {
            writer.Write('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0) writer.Write(',');
                writer.Write(labels[i].Key);
                writer.Write("=\"");
                WriteEscaped(labels[i].Value, escapeQuotes: true);
                writer.Write('"');
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(FormatValue(value));
        writer.Write('\n');
    }

    /// <summary>Shortest round-trip form; the special values as the format spells them.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    // HELP text escapes backslash and newline; label values also escape the double quote.
    private void WriteEscaped(string text, bool escapeQuotes)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': writer.Write("\\\\"); break;
                case '\n': writer.Write("\\n"); break;
                case '"' when escapeQuotes: writer.Write("\\\""); break;
                default: writer.Write(c); break;
            }
        }
    }
}
