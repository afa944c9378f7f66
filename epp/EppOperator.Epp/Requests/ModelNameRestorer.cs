using System.Text;
using System.Text.Json;

namespace EppOperator.Epp.Requests;

/// <summary>
/// Puts the client's model name back into a response served under a rewritten name, by replacing the
/// <c>"model":"&lt;target&gt;"</c> member (compact or with one space) byte for byte.
/// </summary>
internal sealed class ModelNameRestorer
{
    private readonly byte[][] _patterns;
    private readonly byte[][] _replacements;

    public ModelNameRestorer(string incomingModel, string targetModel)
    {
        var target = JsonEncodedText.Encode(targetModel).EncodedUtf8Bytes.ToArray();
        var incoming = JsonEncodedText.Encode(incomingModel).EncodedUtf8Bytes.ToArray();
        _patterns = [Member("\"model\":\"", target), Member("\"model\": \"", target)];
        _replacements = [Member("\"model\":\"", incoming), Member("\"model\": \"", incoming)];
    }

    /// <summary>The restored bytes, or null when <paramref name="body"/> holds no occurrence (send it unchanged).</summary>
    public byte[]? Restore(ReadOnlySpan<byte> body)
    {
        byte[]? result = null;
        for (var i = 0; i < _patterns.Length; i++)
        {
            var source = result is null ? body : result;
            var first = source.IndexOf(_patterns[i]);
            if (first < 0) continue;
            result = Replace(source, first, _patterns[i], _replacements[i]);
        }

        return result;
    }

    private static byte[] Member(string prefix, byte[] value)
    {
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        return [.. prefixBytes, .. value, (byte)'"'];
    }

    // Sized exactly from the occurrence count, so the output is written once, straight into the returned array.
    private static byte[] Replace(ReadOnlySpan<byte> source, int first, byte[] pattern, byte[] replacement)
    {
        var occurrences = 1 + source[(first + pattern.Length)..].Count(pattern);
        var result = new byte[source.Length + (occurrences * (replacement.Length - pattern.Length))];
        var output = result.AsSpan();
        for (var at = first; at >= 0; at = source.IndexOf(pattern))
        {
            source[..at].CopyTo(output);
            replacement.CopyTo(output[at..]);
            output = output[(at + replacement.Length)..];
            source = source[(at + pattern.Length)..];
        }

        source.CopyTo(output);
        return result;
    }
}
