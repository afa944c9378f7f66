using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EppOperator.Epp.Config;

/// <summary>
/// A plugin's <c>parameters</c> mapping with typed getters. Read leniently as the reference does (unknown keys are
/// only warned about: the loader lists the keys no getter asked for), but a value of the wrong type is an error
/// naming the key and its line.
/// </summary>
internal sealed class PluginParameters
{
    private readonly YamlMappingNode? _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<ConfigDiagnostic> _errors = [];

    public PluginParameters(YamlMappingNode? node, ConfigMark mark)
    {
        _node = node;
        Mark = mark;
    }

    public static PluginParameters Empty => new(null, ConfigMark.None);

    /// <summary>The same parameters with fresh read tracking and no errors, for building a plugin from them again.</summary>
    public PluginParameters Fresh() => new(_node, Mark);

    public ConfigMark Mark { get; }

    public IReadOnlyList<ConfigDiagnostic> Errors => _errors;

    public int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = GetLong(key, defaultValue, min, max);
        return (int)value;
    }

    public long GetLong(string key, long defaultValue, long min = long.MinValue, long max = long.MaxValue)
    {
        if (Scalar(key) is not { } scalar) return defaultValue;
        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // JSON-minded configs write integers as 5.0 or 1e3; accept those when they are whole.
            if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15) value = (long)d;
            else return Fail(key, scalar, "an integer", defaultValue);
        }

        if (value < min || value > max) return Fail(key, scalar, $"an integer in [{min}, {max}]", defaultValue);
        return value;
    }

    public double GetDouble(string key, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Scalar(key) is not { } scalar) return defaultValue;
        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return Fail(key, scalar, "a number", defaultValue);
        }

        if (value < min || value > max) return Fail(key, scalar, $"a number in [{min}, {max}]", defaultValue);
        return value;
    }

    public bool GetBool(string key, bool defaultValue)
    {
        if (Scalar(key) is not { } scalar) return defaultValue;
        return scalar.Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => Fail(key, scalar, "true or false", defaultValue),
        };
    }

    public string? GetString(string key) => Scalar(key)?.Value;

    /// <summary>A Go duration string (<c>500ms</c>, <c>2s</c>).</summary>
    public TimeSpan GetDuration(string key, TimeSpan defaultValue)
    {
        if (Scalar(key) is not { } scalar) return defaultValue;
        return GoDuration.TryParse(scalar.Value ?? "", out var value) && value >= TimeSpan.Zero
            ? value
            : Fail(key, scalar, "a duration such as 500ms or 2s", defaultValue);
    }

    public ImmutableArray<string> GetStringList(string key)
    {
        var node = Find(key);
        if (node is null) return [];
        if (node is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlScalarNode))
        {
            return [.. sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "")];
        }

        _errors.Add(new ConfigDiagnostic(ConfigSeverity.Error, $"parameter '{key}' must be a list of strings", ConfigMark.From(node.Start)));
        return [];
    }

    /// <summary>The keys no getter has read: unknown to the plugin, so ignored with a warning.</summary>
    public IEnumerable<(string Key, ConfigMark Mark)> UnreadKeys()
    {
        if (_node is null) yield break;
        foreach (var (key, _) in _node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name)) yield return (name, ConfigMark.From(key.Start));
        }
    }

    private YamlNode? Find(string key)
    {
        _read.Add(key);
        if (_node is null) return null;
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal)) return v;
        }

        return null;
    }

    private YamlScalarNode? Scalar(string key)
    {
        var node = Find(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: null or "" or "null" or "~" }:
                return null;
            case YamlScalarNode scalar:
                return scalar;
            default:
                _errors.Add(new ConfigDiagnostic(ConfigSeverity.Error, $"parameter '{key}' must be a single value", ConfigMark.From(node.Start)));
                return null;
        }
    }

    private T Fail<T>(string key, YamlScalarNode scalar, string expected, T fallback)
    {
        _errors.Add(new ConfigDiagnostic(ConfigSeverity.Error, $"parameter '{key}' must be {expected}, got '{scalar.Value}'", ConfigMark.From(scalar.Start)));
        return fallback;
    }
}
