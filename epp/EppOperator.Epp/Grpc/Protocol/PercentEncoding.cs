using System.Buffers;
using System.Text;

namespace EppOperator.Epp.Grpc.Protocol;

/// <summary>
/// The <c>grpc-message</c> encoding: UTF-8, then every byte outside printable ASCII (0x20-0x7E) and the
/// <c>%</c> sign itself written as <c>%XX</c> with upper-case hex digits.
/// </summary>
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        if (!NeedsEncoding(value))
        {
            return value;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var bytes = rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented));
            var builder = new StringBuilder(byteCount * 3);
            foreach (var b in bytes)
            {
                if (IsUnreserved(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                }
            }

            return builder.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Decodes a received message. Malformed escapes are kept literally rather than rejected, as the spec asks
    /// receivers not to discard a status message because of its encoding.
    /// </summary>
    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        // Header values arrive Latin-1 decoded, so a char up to 0xFF stands for one raw byte (a peer that sent
        // unescaped UTF-8 still decodes correctly); anything wider can only come from a caller's string.
        var bytes = new byte[value.Length * 3];
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
            {
                bytes[count++] = (byte)((high << 4) | low);
                i += 2;
            }
            else if (c <= 0xFF)
            {
                bytes[count++] = (byte)c;
            }
            else
            {
                count += Encoding.UTF8.GetBytes(value.AsSpan(i, 1), bytes.AsSpan(count));
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, count);
    }

    private static bool NeedsEncoding(string value)
    {
        foreach (var c in value)
        {
            if (c > 0x7E || !IsUnreserved((byte)c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnreserved(byte b) => b is >= 0x20 and <= 0x7E && b != (byte)'%';

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
