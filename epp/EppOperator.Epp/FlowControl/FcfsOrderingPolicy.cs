namespace EppOperator.Epp.FlowControl;

/// <summary><c>fcfs-ordering-policy</c> (the default): first come, first served.</summary>
internal sealed class FcfsOrderingPolicy : IOrderingPolicy
{
    public const string TypeName = "fcfs-ordering-policy";

    public static readonly FcfsOrderingPolicy Instance = new();

    public long OrderKey(FlowItem item) => 0;
}
