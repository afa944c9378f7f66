namespace EppOperator.Epp.Config;

/// <summary>The parsed document (null when it has errors) and what was found on the way.</summary>
internal sealed record ConfigParseResult(EndpointPickerConfig? Config, ConfigDiagnostics Diagnostics)
{
    public bool Succeeded => Config is not null && !Diagnostics.HasErrors;
}
