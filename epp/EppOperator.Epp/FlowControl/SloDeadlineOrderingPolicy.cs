using System.Globalization;

namespace EppOperator.Epp.FlowControl;

/// <summary>
/// <c>slo-deadline-ordering-policy</c>: earliest TTFT deadline first, the deadline being when the request arrived plus
/// the milliseconds in its <c>x-slo-ttft-ms</c> header; requests without a valid header come last.
/// </summary>
internal sealed class SloDeadlineOrderingPolicy : IOrderingPolicy
{
    public const string TypeName = "slo-deadline-ordering-policy";
    public const string HeaderName = "x-slo-ttft-ms";

    public static readonly SloDeadlineOrderingPolicy Instance = new();

    public long OrderKey(FlowItem item)
    {
        var request = item.Request;
        if (!request.Headers.TryGetValue(HeaderName, out var text)
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            || !(ms >= 0 && ms < TimeSpan.MaxValue.TotalMilliseconds / 2))
        {
            return long.MaxValue;
        }

        var received = request.ReceivedAt == default ? item.EnqueuedAt : request.ReceivedAt;
        return received.UtcTicks + TimeSpan.FromMilliseconds(ms).Ticks;
    }
}
