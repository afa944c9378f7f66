namespace EppOperator.Epp.Config;

/// <summary>A <c>plugins</c> entry: the type to instantiate, the instance name (the type when omitted), its parameters.</summary>
internal sealed record PluginSpec(string Name, string Type, PluginParameters Parameters, ConfigMark Mark);
