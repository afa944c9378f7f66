namespace EppOperator.Kube.Serialization;

/// <summary>
/// meta/v1 <c>MicroTime</c> (Lease renew and acquire times): RFC 3339 with exactly six fractional digits,
/// the layout the API server parses for this type.
/// </summary>
internal sealed class MicroTimeConverter() : TimeConverter("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");
