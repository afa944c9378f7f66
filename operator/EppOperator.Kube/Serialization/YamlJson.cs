using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// Converts YAML manifests to JSON nodes the way <c>kubectl</c> does (sigs.k8s.io/yaml, YAML 1.1 scalar
/// rules): plain <c>yes</c>/<c>on</c> are booleans, <c>~</c> is null, quoted scalars are always strings.
/// </summary>
internal static class YamlJson
{
    /// <summary>Parses every document of a (possibly multi-document) YAML text; empty documents are skipped.</summary>
    /// <exception cref="FormatException">The text is not valid YAML; the message names the line.</exception>
    public static IReadOnlyList<JsonNode> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed streams (e.g. an unclosed flow sequence) this way.
            throw new FormatException($"invalid YAML: {ex.Message}", ex);
        }

        var documents = new List<JsonNode>(stream.Documents.Count);
        foreach (var document in stream.Documents)
        {
            if (Convert(document.RootNode) is { } node) documents.Add(node);
        }

        return documents;
    }

    /// <summary>Parses a single-document YAML (or JSON) text.</summary>
    /// <exception cref="FormatException">Invalid YAML or more than one document.</exception>
    public static JsonNode? Parse(string yaml)
    {
        var documents = ParseDocuments(yaml);
        return documents.Count switch
        {
            0 => null,
            1 => documents[0],
            _ => throw new FormatException($"expected one YAML document, found {documents.Count}"),
        };
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString();
                    obj[name] = Convert(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children) array.Add(Convert(item));
                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                throw new FormatException($"unsupported YAML node at line {node.Start.Line}");
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        if (!scalar.Tag.IsEmpty)
        {
            var tag = scalar.Tag.Value;
            if (tag.EndsWith(":str", StringComparison.Ordinal)) return JsonValue.Create(text);
        }

        return ResolvePlain(text);
    }

    /// <summary>YAML 1.1 resolution of an unquoted scalar, as go-yaml v2 (used by kubectl) does it.</summary>
    internal static JsonNode? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN":
                // JSON cannot carry these; keep the text, as sigs.k8s.io/yaml fails rather than guess.
                return JsonValue.Create(text);
        }

        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) && LooksNumeric(text))
        {
            return JsonValue.Create(integer);
        }

        if (digits.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (LooksNumeric(text) && (text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase))
            && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    // Guards against .NET accepting forms YAML treats as strings (leading '+' with spaces, "1,000" etc.).
    private static bool LooksNumeric(string text)
    {
        if (text.Length == 0) return false;
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start >= text.Length || !(char.IsAsciiDigit(text[start]) || text[start] == '.')) return false;
        foreach (var c in text.AsSpan(start))
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+' or '_')) return false;
        }

        return true;
    }
}
