namespace EppOperator.Kube.Serialization;

/// <summary>meta/v1 <c>Time</c>: RFC 3339 in UTC with second precision (<c>2025-01-02T03:04:05Z</c>), as the API server stores it.</summary>
internal sealed class KubeTimeConverter() : TimeConverter("yyyy-MM-dd'T'HH:mm:ss'Z'");
