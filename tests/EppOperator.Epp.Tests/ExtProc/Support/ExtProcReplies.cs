using System.Text;
using Envoy.Service.ExtProc.V3;

namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>Reads the parts of ProcessingResponse messages tests assert on.</summary>
internal static class ExtProcReplies
{
    /// <summary>The set_headers of a headers or body reply as key → raw value (fails if a value field is also set).</summary>
    public static Dictionary<string, string> SetHeaders(CommonResponse response)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in response.HeaderMutation?.SetHeaders ?? [])
        {
            Assert.That(option.Header.Value, Is.Empty, $"header {option.Header.Key} must use raw_value only");
#pragma warning disable CS0612 // the deprecated field is exactly what must stay unset
            Assert.That(option.Append, Is.Null, "append must stay unset (overwrite)");
#pragma warning restore CS0612
            Assert.That(option.AppendAction, Is.EqualTo(Envoy.Config.Core.V3.HeaderValueOption.Types.HeaderAppendAction.AppendIfExistsOrAdd), "append_action must stay at its default");
            result[option.Header.Key] = option.Header.RawValue.ToStringUtf8();
        }

        return result;
    }

    public static string PickedMetadata(ProcessingResponse response) =>
        response.DynamicMetadata.Fields["envoy.lb"].StructValue.Fields["x-gateway-destination-endpoint"].StringValue;

    public static string StreamedText(CommonResponse response) => response.BodyMutation.StreamedResponse.Body.ToStringUtf8();

    public static string ImmediateBody(ProcessingResponse response) => Encoding.UTF8.GetString(response.ImmediateResponse.Body.Span);
}
