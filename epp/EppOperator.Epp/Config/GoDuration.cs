using System.Globalization;

namespace EppOperator.Epp.Config;

/// <summary>
/// Go's duration syntax as GAIE's flags and Kubernetes-style configs write it (<c>200ms</c>, <c>2s</c>,
/// <c>1m30s</c>, <c>1.5h</c>): a sequence of decimal numbers, each with a unit among ns, us (µs), ms, s, m, h. A bare
/// <c>0</c> is zero. Signs are rejected: no flag or setting here means anything by a negative duration.
/// </summary>
internal static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.AsSpan().Trim();
        if (s is "0")
        {
            return true;
        }

        double totalTicks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.')) numberLength++;
            if (numberLength == 0 || !double.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
            s = s[numberLength..];

            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.') unitLength++;
            double ticksPerUnit = s[..unitLength] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1,
            };
            if (ticksPerUnit < 0) return false;
            totalTicks += value * ticksPerUnit;
            s = s[unitLength..];
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(totalTicks));
        return true;
    }
}
