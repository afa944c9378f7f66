namespace EppOperator.Epp.Config;

/// <summary>Builds one plugin instance (a scheduling plugin, or an <see cref="ExternalPlugin"/>) from its configuration.</summary>
internal delegate object PluginFactory(PluginFactoryContext context);
