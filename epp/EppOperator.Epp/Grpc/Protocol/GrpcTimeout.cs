using System.Globalization;

namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>
/// Parses and formats the <c>grpc-timeout</c> header: a positive integer of at most eight digits followed by one
/// unit letter (<c>H</c> hours, <c>M</c> minutes, <c>S</c> seconds, <c>m</c> milliseconds, <c>u</c> microseconds,
/// <c>n</c> nanoseconds).
/// </summary>
internal static class GrpcTimeout
{
    private const long TicksPerMicrosecond = 10;
    private const long NanosecondsPerTick = 100;
    private const int MaxEncodedValue = 99_999_999;

    /// <summary>
    /// Decodes a header value. Accepts what grpc-dotnet accepts (any unsigned 32-bit integer, no sign or spaces);
    /// a value that does not parse returns false and the call runs without a deadline.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = TimeSpan.Zero;
        if (value.Length < 2)
        {
            return false;
        }

        if (!int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        switch (value[^1])
        {
            case 'H':
                timeout = TimeSpan.FromHours(amount);
                return true;
            case 'M':
                timeout = TimeSpan.FromMinutes(amount);
                return true;
            case 'S':
                timeout = TimeSpan.FromSeconds(amount);
                return true;
            case 'm':
                timeout = TimeSpan.FromMilliseconds(amount);
                return true;
            case 'u':
                timeout = TimeSpan.FromTicks(amount * TicksPerMicrosecond);
                return true;
            case 'n':
                timeout = TimeSpan.FromTicks(amount / NanosecondsPerTick);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The deadline a server applies for a header value: none when the header is absent, malformed or not positive
    /// (as grpc-dotnet), else the decoded timeout capped at <see cref="GrpcProtocolConstants.MaxTimeoutSeconds"/>.
    /// </summary>
    public static TimeSpan? ToServerTimeout(string? headerValue)
    {
        if (headerValue is null || !TryDecode(headerValue, out var timeout) || timeout <= TimeSpan.Zero)
        {
            return null;
        }

        var max = TimeSpan.FromSeconds(GrpcProtocolConstants.MaxTimeoutSeconds);
        return timeout > max ? max : timeout;
    }

    /// <summary>
    /// Encodes a client timeout with the finest unit whose value fits in eight digits, rounding up so a call never
    /// asks for less time than it has. Non-positive timeouts encode as <c>1n</c>: the deadline has passed.
    /// </summary>
    public static string Encode(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }

        var ticks = timeout.Ticks;
        if (ticks <= MaxEncodedValue / NanosecondsPerTick)
        {
            return Format(ticks * NanosecondsPerTick, 'n');
        }

        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TicksPerMicrosecond, 'u'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (ticksPerUnit, unit) in units)
        {
            var amount = (ticks + ticksPerUnit - 1) / ticksPerUnit;
            if (amount <= MaxEncodedValue)
            {
                return Format(amount, unit);
            }
        }

        return Format(MaxEncodedValue, 'H');
    }

    private static string Format(long amount, char unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}");
}
