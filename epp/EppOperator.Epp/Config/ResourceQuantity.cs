using System.Globalization;

namespace EppOperator.Epp.Config;

/// <summary>
/// Kubernetes resource quantities as byte counts (<c>10Gi</c>, <c>512Mi</c>, <c>500M</c>, <c>1e3</c>, <c>1024</c>):
/// binary suffixes Ki…Ei, decimal k, M, G, T, P, E, or a decimal exponent. Fractions round up, as
/// <c>Quantity.Value()</c> does.
/// </summary>
internal static class ResourceQuantity
{
    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        var s = text.AsSpan().Trim();
        var numberLength = 0;
        while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] is '.' or '+' or '-')) numberLength++;
        if (numberLength == 0) return false;
        if (!decimal.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return false;

        var suffix = s[numberLength..];
        decimal multiplier;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            if (exponent is < 0 or > 18) return false;
            multiplier = (decimal)Math.Pow(10, exponent);
        }
        else
        {
            multiplier = suffix switch
            {
                "" => 1m,
                "k" => 1e3m,
                "M" => 1e6m,
                "G" => 1e9m,
                "T" => 1e12m,
                "P" => 1e15m,
                "E" => 1e18m,
                "Ki" => 1024m,
                "Mi" => 1024m * 1024,
                "Gi" => 1024m * 1024 * 1024,
                "Ti" => 1024m * 1024 * 1024 * 1024,
                "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
                "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
                _ => -1m,
            };
            if (multiplier < 0) return false;
        }

        try
        {
            var value = decimal.Ceiling(number * multiplier);
            if (value < 0 || value > long.MaxValue) return false;
            bytes = (long)value;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
