using System.Text.Json;

namespace EppOperator.Epp.Requests;

/// <summary>
/// Puts the target model into a request body by replacing only the <c>model</c> string token; every other byte
/// (key order, spacing, number formatting) reaches the model server as the client sent it.
/// </summary>
internal static class RequestBodyRewriter
{
    public static byte[] ReplaceModel(ReadOnlySpan<byte> body, in ParsedRequestBody parsed, string model)
    {
        // JsonEncodedText escapes quotes, control characters and <>&, like the reference's Go encoder.
        var encoded = JsonEncodedText.Encode(model).EncodedUtf8Bytes;
        var result = new byte[body.Length - parsed.ModelTokenLength + encoded.Length + 2];
        var tail = body[(parsed.ModelTokenStart + parsed.ModelTokenLength)..];
        body[..parsed.ModelTokenStart].CopyTo(result);
        var at = parsed.ModelTokenStart;
        result[at++] = (byte)'"';
        encoded.CopyTo(result.AsSpan(at));
        at += encoded.Length;
        result[at++] = (byte)'"';
        tail.CopyTo(result.AsSpan(at));
        return result;
    }
}
