namespace EppOperator.Epp.ExtProc;

/// <summary>Wire constants of the ext_proc service.</summary>
internal static class ExtProcConstants
{
    public const string ServiceName = "envoy.service.ext_proc.v3.ExternalProcessor";

    public const string ProcessMethod = "/" + ServiceName + "/Process";

    /// <summary>Largest body piece per <c>streamed_response</c>, as the reference sends (below Envoy's 64 KiB buffers).</summary>
    public const int MaxBodyPieceBytes = 62_000;
}
