using System.Buffers;
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
            if (source.IndexOf(_patterns[i]) < 0) continue;
            result = Replace(source, _patterns[i], _replacements[i]);
        }

        return result;
    }

    private static byte[] Member(string prefix, byte[] value)
    {
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        return [.. prefixBytes, .. value, (byte)'"'];
    }

    private static byte[] Replace(ReadOnlySpan<byte> source, byte[] pattern, byte[] replacement)
    {
        var output = new ArrayBufferWriter<byte>(source.Length + 64);
        while (true)
        {
            var at = source.IndexOf(pattern);
            if (at < 0) break;
            output.Write(source[..at]);
            output.Write(replacement);
            source = source[(at + pattern.Length)..];
        }

        output.Write(source);
        return output.WrittenSpan.ToArray();
    }
}
