namespace EppOperator.Kube.Serialization;

/// <summary>meta/v1 <c>Time</c>: RFC 3339 in UTC with second precision (<c>2025-01-02T03:04:05Z</c>), as the API server stores it.</summary>
internal sealed class KubeTimeConverter() : TimeConverter(Layout)
{
    /// <summary>The layout, for code that writes a <c>Time</c> into a patch or annotation by hand.</summary>
    public const string Layout = "yyyy-MM-dd'T'HH:mm:ss'Z'";
}
