namespace EppOperator.Epp.Scheduling;

/// <summary>A configured plugin instance: its registered type (as spelled in the config) and its instance name.</summary>
internal interface ISchedulingPlugin
{
    /// <summary>The plugin type, e.g. <c>queue-scorer</c>.</summary>
    string Type { get; }

    /// <summary>The instance name profiles refer to; the type unless the config names it.</summary>
    string Name { get; }
}
