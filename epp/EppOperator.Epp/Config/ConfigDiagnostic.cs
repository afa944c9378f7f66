namespace EppOperator.Epp.Config;

/// <summary>One finding about a configuration, pointing at where it is.</summary>
internal sealed record ConfigDiagnostic(ConfigSeverity Severity, string Message, ConfigMark Mark)
{
    public override string ToString() => Mark == ConfigMark.None ? Message : $"{Message} ({Mark})";
}
