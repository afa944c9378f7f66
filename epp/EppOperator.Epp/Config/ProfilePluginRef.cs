namespace EppOperator.Epp.Config;

/// <summary>A plugin a scheduling profile uses, by instance name; the weight applies when it is a scorer (default 1).</summary>
internal sealed record ProfilePluginRef(string PluginRef, double? Weight, ConfigMark Mark);
