namespace EppOperator.Epp.Scheduling;

/// <summary>Base for plugins: carries the instance name; the type is fixed per class.</summary>
internal abstract class SchedulingPlugin(string name) : ISchedulingPlugin
{
    public abstract string Type { get; }

    public string Name { get; } = name;

    public override string ToString() => Name == Type ? Type : $"{Name} ({Type})";
}
