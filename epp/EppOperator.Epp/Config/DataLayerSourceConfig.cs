using System.Collections.Immutable;

namespace EppOperator.Epp.Config;

/// <summary>One data source plugin and the extractor plugins that read its output.</summary>
internal sealed record DataLayerSourceConfig(string PluginRef, ImmutableArray<string> Extractors, ConfigMark Mark);
