namespace EppOperator.Operator.Pools;

/// <summary>A key of a ConfigMap in the pool's namespace.</summary>
internal sealed record ConfigMapKeyReference(string Name, string Key)
{
    public const string DefaultKey = "config.yaml";

    /// <summary>Parses <c>NAME</c> or <c>NAME/KEY</c>.</summary>
    public static bool TryParse(string text, out ConfigMapKeyReference? reference)
    {
        var parts = text.Trim().Split('/');
        reference = parts switch
        {
            [var name] when IsName(name) => new ConfigMapKeyReference(name, DefaultKey),
            [var name, var key] when IsName(name) && key.Length > 0 => new ConfigMapKeyReference(name, key),
            _ => null,
        };
        return reference is not null;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 253 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.');
}
