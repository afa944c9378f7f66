using System.Globalization;

namespace EppOperator.Epp.Host;

/// <summary>
/// Go's duration syntax (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>), which GAIE's flags use, so values
/// copied from an existing EPP deployment keep working.
/// </summary>
internal static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.AsSpan().Trim();
        if (s is "0") return true;

        double totalTicks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.')) numberLength++;
            if (numberLength == 0 || !double.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
            s = s[numberLength..];

            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.') unitLength++;
            var ticksPerUnit = s[..unitLength] switch
            {
                "ns" => 0.01,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => -1d,
            };
            if (ticksPerUnit < 0) return false;
            totalTicks += value * ticksPerUnit;
            s = s[unitLength..];
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)totalTicks);
        return true;
    }
}
