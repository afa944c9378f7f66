namespace EppOperator.Epp.Config;

/// <summary>
/// A plugin another component implements (flow-control policies, saturation detectors, parsers, data sources):
/// accepted by the configuration and handed to that component with its parameters, never used in a profile.
/// </summary>
internal sealed record ExternalPlugin(string Name, string Type, string Component, PluginParameters Parameters, ConfigMark Mark);
