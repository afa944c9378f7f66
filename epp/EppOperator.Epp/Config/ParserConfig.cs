namespace EppOperator.Epp.Config;

/// <summary><c>parser</c>: the request parser plugin (default <c>openai-parser</c>).</summary>
internal sealed record ParserConfig(string PluginRef, ConfigMark Mark);
