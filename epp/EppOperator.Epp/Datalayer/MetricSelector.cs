using System.Buffers;
using System.Collections.Immutable;
using System.Text;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Which series of a model server's metrics carries a value: a metric name plus label equality matchers, written
/// as a PromQL instant-vector selector (<c>nv_trt_llm_request_metrics{request_type="waiting"}</c>; quotes optional),
/// the syntax GAIE's <c>engineConfigs</c> use.
/// </summary>
internal sealed record MetricSelector
{
    private static readonly SearchValues<char> MetricNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:");

    private static readonly SearchValues<char> LabelNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private readonly (byte[] Name, byte[] Value)[] _labelsUtf8;

    public MetricSelector(string name, ImmutableArray<KeyValuePair<string, string>> labels = default)
    {
        Name = name;
        Labels = labels.IsDefault ? [] : labels;
        _labelsUtf8 = [.. Labels.Select(l => (Encoding.UTF8.GetBytes(l.Key), Encoding.UTF8.GetBytes(l.Value)))];
    }

    public string Name { get; }

    public ImmutableArray<KeyValuePair<string, string>> Labels { get; }

    /// <summary>True when every matcher's label is present on the sample with exactly that value.</summary>
    public bool Matches(in PrometheusSample sample)
    {
        foreach (var (name, value) in _labelsUtf8)
        {
            if (!sample.TryGetLabel(name, out var raw) || !PrometheusLabelValue.EqualsDecoded(raw, value)) return false;
        }

        return true;
    }

    /// <summary>Parses <c>name</c> or <c>name{label=value,...}</c>; the error names what is wrong.</summary>
    public static bool TryParse(string text, out MetricSelector? selector, out string? error)
    {
        selector = null;
        var span = text.AsSpan().Trim();
        var brace = span.IndexOf('{');
        var name = (brace < 0 ? span : span[..brace]).Trim();
        if (!IsMetricName(name))
        {
            error = $"'{text}' does not start with a metric name";
            return false;
        }

        var labels = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        if (brace >= 0)
        {
            var body = span[(brace + 1)..];
            if (body.IsEmpty || body[^1] != '}')
            {
                error = $"'{text}' has an unterminated label block";
                return false;
            }

            foreach (var range in body[..^1].Split(','))
            {
                var pair = body[range].Trim();
                if (pair.IsEmpty) continue;
                var equals = pair.IndexOf('=');
                var labelName = equals < 0 ? default : pair[..equals].Trim();
                var labelValue = equals < 0 ? default : pair[(equals + 1)..].Trim();
                if (labelValue.Length >= 2 && labelValue[0] == '"' && labelValue[^1] == '"') labelValue = labelValue[1..^1];
                if (!IsLabelName(labelName) || labelValue.Contains('"'))
                {
                    error = $"'{text}' has an invalid label matcher '{pair}'";
                    return false;
                }

                labels.Add(new(labelName.ToString(), labelValue.ToString()));
            }
        }

        selector = new MetricSelector(name.ToString(), labels.ToImmutable());
        error = null;
        return true;
    }

    public static MetricSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector! : throw new FormatException(error);

    public override string ToString() =>
        Labels.IsEmpty ? Name : $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}";

    public bool Equals(MetricSelector? other) =>
        other is not null && Name == other.Name && Labels.SequenceEqual(other.Labels);

    public override int GetHashCode() => HashCode.Combine(Name, Labels.Length);

    private static bool IsMetricName(ReadOnlySpan<char> name) =>
        !name.IsEmpty && !char.IsAsciiDigit(name[0]) && !name.ContainsAnyExcept(MetricNameChars);

    private static bool IsLabelName(ReadOnlySpan<char> name) =>
        !name.IsEmpty && !char.IsAsciiDigit(name[0]) && !name.ContainsAnyExcept(LabelNameChars);
}
