using System.Text;

namespace EppOperator.Epp.Tests.Datalayer;

/// <summary>The committed exposition pages under <c>Samples/</c>, optionally with CRLF line endings.</summary>
internal static class ExpositionSamples
{
    public const string VllmV1 = "vllm-v1.prom";
    public const string VllmV0OpenMetrics = "vllm-v0-openmetrics.prom";
    public const string SgLang = "sglang.prom";
    public const string TrtLlmServe = "trtllm-serve.prom";
    public const string TritonTrtLlm = "triton-trtllm.prom";

    public static readonly string[] All = [VllmV1, VllmV0OpenMetrics, SgLang, TrtLlmServe, TritonTrtLlm];

    public static string Text(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Datalayer", "Samples", name));

    public static byte[] Bytes(string name, bool crlf = false)
    {
        var text = Text(name);
        return Encoding.UTF8.GetBytes(crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text);
    }
}
