using System.Buffers;
using System.Globalization;
using System.Text;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// Label values as they appear between quotes in the exposition text, where <c>\\</c>, <c>\"</c> and <c>\n</c> are
/// escaped. Comparisons walk the escapes in place so matching a label allocates nothing.
/// </summary>
internal static class PrometheusLabelValue
{
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(raw);

        var rented = raw.Length <= 512 ? null : ArrayPool<byte>.Shared.Rent(raw.Length);
        var buffer = rented ?? stackalloc byte[raw.Length];
        try
        {
            var length = Unescape(raw, buffer);
            return Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>True when the escaped <paramref name="raw"/> value decodes to exactly <paramref name="expected"/>.</summary>
    public static bool EqualsDecoded(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> expected)
    {
        if (raw.IndexOf((byte)'\\') < 0) return raw.SequenceEqual(expected);

        var j = 0;
        for (var i = 0; i < raw.Length; i++, j++)
        {
            var b = raw[i];
            if (b == (byte)'\\' && i + 1 < raw.Length) b = Unescaped(raw[++i]);
            if (j >= expected.Length || expected[j] != b) return false;
        }

        return j == expected.Length;
    }

    /// <summary>A decimal integer label such as <c>max_lora="4"</c>; false for empty or non-numeric values.</summary>
    public static bool TryParseInt32(ReadOnlySpan<byte> raw, out int value) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var j = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\\' && i + 1 < raw.Length) b = Unescaped(raw[++i]);
            destination[j++] = b;
        }

        return j;
    }

    private static byte Unescaped(byte escaped) => escaped == (byte)'n' ? (byte)'\n' : escaped;
}
