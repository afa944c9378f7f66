namespace EppOperator.Epp.FlowControl;

/// <summary>
/// <c>edf-ordering-policy</c>: earliest deadline first, the deadline being when the request would time out in the
/// queue (enqueue + TTL, or the client's deadline if sooner); requests without one come last.
/// </summary>
internal sealed class EdfOrderingPolicy : IOrderingPolicy
{
    public const string TypeName = "edf-ordering-policy";

    public static readonly EdfOrderingPolicy Instance = new();

    public long OrderKey(FlowItem item) => item.ExpiresAt.UtcTicks;
}
