using System.Security.Cryptography;
using System.Text;

namespace EppOperator.Operator.Planning;

/// <summary>Short stable hashes for change detection (not security): the first 16 hex digits of SHA-256.</summary>
internal static class ContentHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    public static string Of(IEnumerable<KeyValuePair<string, string>> entries) =>
        Of(string.Join('\n', entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)));
}
