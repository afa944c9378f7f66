using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Yaml;

namespace EppOperator.Operator.Tests.Support;

/// <summary>
/// Renders the chart's templates in-process for the manifests-consistency test (no helm binary here). It implements
/// the small subset of Go templates the chart uses — actions with <c>{{-</c>/<c>-}}</c> trimming, <c>if</c>/<c>else</c>/<c>end</c>,
/// comments, <c>.Values</c>/<c>.Release</c>/<c>.Chart</c> paths, <c>.Files.Get</c>, and the functions <c>printf</c>, <c>quote</c>,
/// <c>toYaml</c>, <c>nindent</c>, <c>indent</c> — and throws on anything else, so a template using more fails the test
/// instead of being rendered wrongly.
/// </summary>
internal sealed class ChartRenderer(string chartDirectory, JsonObject values, string releaseNamespace, string releaseName = "epp-operator")
{
    public static JsonObject DefaultValues(string chartDirectory) => YamlJson.Parse(File.ReadAllText(Path.Combine(chartDirectory, "values.yaml")))!.AsObject();

    /// <summary>Renders every <c>templates/*.yaml</c> (sorted) and returns the non-empty documents.</summary>
    public IReadOnlyList<JsonNode> RenderObjects()
    {
        var documents = new List<JsonNode>();
        foreach (var file in Directory.GetFiles(Path.Combine(chartDirectory, "templates"), "*.yaml").Order(StringComparer.Ordinal))
        {
            documents.AddRange(YamlJson.ParseDocuments(Render(File.ReadAllText(file))));
        }

        return documents;
    }

    public string Render(string template)
    {
        var output = new StringBuilder();
        var stack = new Stack<(bool Active, bool Taken)>();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                if (Active(stack)) output.Append(template, position, template.Length - position);
                break;
            }

            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0) throw new FormatException("unclosed action at " + open);
            var action = template[(open + 2)..close];
            var trimLeft = action.StartsWith('-');
            var trimRight = action.EndsWith('-');
            action = action.Trim('-').Trim();
            if (Active(stack))
            {
                output.Append(template, position, open - position);
                if (trimLeft) TrimEnd(output);
            }

            position = close + 2;
            if (trimRight)
            {
                while (position < template.Length && char.IsWhiteSpace(template[position])) position++;
            }

            if (action.StartsWith("/*", StringComparison.Ordinal)) continue;
            if (action.StartsWith("if ", StringComparison.Ordinal))
            {
                var condition = Active(stack) && Truthy(Evaluate(action[3..].Trim()));
                stack.Push((Active(stack) && condition, condition));
            }
            else if (action == "else")
            {
                var (_, taken) = stack.Pop();
                var parentActive = Active(stack);
                stack.Push((parentActive && !taken, true));
            }
            else if (action == "end")
            {
                stack.Pop();
            }
            else if (Active(stack))
            {
                output.Append(Text(Evaluate(action)));
            }
        }

        if (stack.Count != 0) throw new FormatException("unbalanced if/end");
        return output.ToString();
    }

    private static bool Active(Stack<(bool Active, bool Taken)> stack) => stack.Count == 0 || stack.Peek().Active;

    private static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && char.IsWhiteSpace(text[^1])) text.Length--;
    }

    private JsonNode? Evaluate(string pipeline)
    {
        JsonNode? value = null;
        var first = true;
        foreach (var stage in SplitPipeline(pipeline))
        {
            var words = Words(stage);
            value = first ? Call(words, null, hasInput: false) : Call(words, value, hasInput: true);
            first = false;
        }

        return value;
    }

    private JsonNode? Call(List<string> words, JsonNode? input, bool hasInput)
    {
        var name = words[0];
        var args = words.Skip(1).Select(Term).ToList();
        if (hasInput) args.Add(input);
        return name switch
        {
            "printf" => JsonValue.Create(Printf(Text(args[0]), args.Skip(1).ToList())),
            "quote" => JsonValue.Create("\"" + Text(args.Single()).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""),
            "toYaml" => JsonValue.Create(YamlEmitter.Emit(args.Single()?.DeepClone()).TrimEnd('\n')),
            "nindent" => JsonValue.Create("\n" + Indent(Text(args[1]), int.Parse(Text(args[0]), CultureInfo.InvariantCulture))),
            "indent" => JsonValue.Create(Indent(Text(args[1]), int.Parse(Text(args[0]), CultureInfo.InvariantCulture))),
            ".Files.Get" => JsonValue.Create(File.ReadAllText(Path.Combine(chartDirectory, Text(args.Single())))),
            _ when words.Count == 1 && !hasInput => Term(name),
            _ => throw new NotSupportedException($"template function '{name}' is not supported by the test renderer"),
        };
    }

    private JsonNode? Term(string word)
    {
        if (word.StartsWith('"')) return JsonValue.Create(JsonSerializer.Deserialize<string>(word));
        if (int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        if (word == ".Release.Namespace") return JsonValue.Create(releaseNamespace);
        if (word == ".Release.Name") return JsonValue.Create(releaseName);
        if (word.StartsWith(".Chart.", StringComparison.Ordinal))
        {
            return YamlJson.Parse(File.ReadAllText(Path.Combine(chartDirectory, "Chart.yaml")))![char.ToLowerInvariant(word[7]) + word[8..]]?.DeepClone();
        }

        if (word.StartsWith(".Values", StringComparison.Ordinal))
        {
            JsonNode? node = values;
            foreach (var part in word[".Values".Length..].Split('.', StringSplitOptions.RemoveEmptyEntries)) node = node?[part];
            return node?.DeepClone();
        }

        throw new NotSupportedException($"template term '{word}' is not supported by the test renderer");
    }

    private static string Printf(string format, List<JsonNode?> args)
    {
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length && format[i + 1] is 's' or 'v')
            {
                text.Append(Text(args[next++]));
                i++;
            }
            else
            {
                text.Append(format[i]);
            }
        }

        return text.ToString();
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(line => new string(' ', spaces) + line));

    // How Go's text/template prints a value: strings raw, booleans and numbers as written, maps as Go syntax (not needed here).
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => throw new NotSupportedException("printing a map or list needs toYaml"),
    };

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.Number => value.GetValue<double>() != 0,
            _ => true,
        },
        JsonObject obj => obj.Count > 0,
        JsonArray array => array.Count > 0,
        _ => true,
    };

    private static IEnumerable<string> SplitPipeline(string pipeline)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < pipeline.Length; i++)
        {
            if (pipeline[i] == '"' && (i == 0 || pipeline[i - 1] != '\\')) quoted = !quoted;
            if (pipeline[i] == '|' && !quoted)
            {
                yield return pipeline[start..i].Trim();
                start = i + 1;
            }
        }

        yield return pipeline[start..].Trim();
    }

    private static List<string> Words(string stage)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in stage)
        {
            if (c == '"') quoted = !quoted;
            if (c == ' ' && !quoted)
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0) words.Add(current.ToString());
        // ".Files.Get "x"" reads as one function name followed by its argument.
        return words;
    }
}
