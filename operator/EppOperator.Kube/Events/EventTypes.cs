namespace EppOperator.Kube.Events;

/// <summary>The two Event types Kubernetes knows.</summary>
internal static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
