using System.Collections.Immutable;

namespace EppOperator.Epp.Config;

/// <summary>Collects findings while a configuration is read and built.</summary>
internal sealed class ConfigDiagnostics
{
    private readonly List<ConfigDiagnostic> _items = [];

    public bool HasErrors => _items.Exists(d => d.Severity == ConfigSeverity.Error);

    public ImmutableArray<ConfigDiagnostic> Items => [.. _items];

    public ImmutableArray<ConfigDiagnostic> Errors => [.. _items.Where(d => d.Severity == ConfigSeverity.Error)];

    public ImmutableArray<ConfigDiagnostic> Warnings => [.. _items.Where(d => d.Severity == ConfigSeverity.Warning)];

    public void Error(string message, ConfigMark mark) => _items.Add(new ConfigDiagnostic(ConfigSeverity.Error, message, mark));

    public void Warning(string message, ConfigMark mark) => _items.Add(new ConfigDiagnostic(ConfigSeverity.Warning, message, mark));

    /// <summary>All errors on one line each, for a startup failure or a rejected reload.</summary>
    public string Describe() => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()));
}
