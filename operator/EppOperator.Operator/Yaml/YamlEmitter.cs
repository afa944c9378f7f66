using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EppOperator.Operator.Yaml;

/// <summary>
/// Writes JSON trees as block-style YAML that <c>kubectl</c> (YAML 1.1 scalar rules) reads back as the same JSON:
/// strings that would otherwise read as booleans, numbers or null are quoted, multi-line strings (an Envoy
/// bootstrap inside a ConfigMap) become literal blocks, and key order is kept so output diffs stay small.
/// </summary>
internal static class YamlEmitter
{
    /// <summary>One document, ending with a newline.</summary>
    public static string Emit(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteDocument(text, node);
        return text.ToString();
    }

    /// <summary>Several documents separated by <c>---</c> lines.</summary>
    public static string EmitDocuments(IEnumerable<JsonNode?> documents, string? header = null)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(header)) text.Append(header);
        var first = true;
        foreach (var document in documents)
        {
            if (!first || text.Length > 0) text.Append("---\n");
            first = false;
            WriteDocument(text, document);
        }

        return text.ToString();
    }

    private static void WriteDocument(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                WriteMapping(text, obj, 0);
                break;
            case JsonArray array when array.Count > 0:
                WriteSequence(text, array, 0);
                break;
            default:
                text.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteMapping(StringBuilder text, JsonObject obj, int indent)
    {
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!first) text.Append(' ', indent);
            first = false;
            text.Append(Scalar(key)).Append(':');
            WriteValue(text, value, indent, inSequence: false);
        }
    }

    private static void WriteSequence(StringBuilder text, JsonArray array, int indent)
    {
        var first = true;
        foreach (var item in array)
        {
            if (!first) text.Append(' ', indent);
            first = false;
            text.Append('-');
            switch (item)
            {
                case JsonObject obj when obj.Count > 0:
                    text.Append(' ');
                    WriteMapping(text, obj, indent + 2);
                    break;
                case JsonArray nested when nested.Count > 0:
                    text.Append(' ');
                    WriteSequence(text, nested, indent + 2);
                    break;
                default:
                    WriteValue(text, item, indent, inSequence: true);
                    break;
            }
        }
    }

    // Called right after "key:" or "-": writes the rest of the line and any nested block.
    private static void WriteValue(StringBuilder text, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                text.Append('\n').Append(' ', indent + 2);
                WriteMapping(text, obj, indent + 2);
                break;
            case JsonArray array when array.Count > 0:
                // Sequences under a key sit at the key's indentation, as kubectl prints them.
                var childIndent = inSequence ? indent + 2 : indent;
                text.Append('\n').Append(' ', childIndent);
                WriteSequence(text, array, childIndent);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String && IsBlockCandidate(scalar.GetValue<string>()):
                WriteLiteralBlock(text, scalar.GetValue<string>(), indent + 2);
                break;
            default:
                text.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static bool IsBlockCandidate(string value) =>
        value.Contains('\n', StringComparison.Ordinal)
        && !value.Contains('\r', StringComparison.Ordinal)
        && !value.Contains('\t', StringComparison.Ordinal)
        && value.Split('\n').All(line => line.Length == 0 || !char.IsWhiteSpace(line[^1]))
        && !value.StartsWith(' ')
        && value.All(c => c >= ' ' || c == '\n');

    private static void WriteLiteralBlock(StringBuilder text, string value, int indent)
    {
        // "|" keeps exactly one final newline, "|-" none, "|+" all of them.
        var trailing = value.Length - value.TrimEnd('\n').Length;
        var chomping = trailing switch { 0 => "-", 1 => "", _ => "+" };
        text.Append(" |").Append(chomping).Append('\n');
        var body = trailing == 0 ? value : value[..^trailing];
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0) text.Append(' ', indent).Append(line);
            text.Append('\n');
        }

        for (var i = 1; i < trailing; i++) text.Append('\n');
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => "null",
        },
        _ => throw new ArgumentException($"unsupported JSON node {node.GetType().Name}", nameof(node)),
    };

    /// <summary>A string as a YAML scalar: plain when it reads back as the same string, else double-quoted.</summary>
    internal static string Scalar(string value) => NeedsQuotes(value) ? Quote(value) : value;

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0) return true;
        // Anything YAML 1.1 would resolve to a non-string (true, yes, on, ~, 1e3, 0x1F, ...).
        if (Kube.Serialization.YamlJson.ResolvePlain(value) is not JsonValue resolved || resolved.GetValueKind() != JsonValueKind.String) return true;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal)) return true;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':')) return true;
        // Numbers in forms the resolver above may not treat as numbers but other YAML readers do (".5", "1_000").
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return true;
        return value.Any(c => c < ' ' || c == '\u007f' || c > '\u00ff');
    }

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u007f') text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
