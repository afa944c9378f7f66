namespace EppOperator.Kube.Entities;

/// <summary>
/// The meta/v1 <c>Status</c> object the API server returns for failures (and as the object of a watch
/// ERROR event). <see cref="Reason"/> is the machine-readable cause, e.g. <c>Conflict</c>, <c>Expired</c>.
/// </summary>
internal sealed class KubeStatus : KubeModel
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    public string? Status { get; set; }

    public string? Message { get; set; }

    public string? Reason { get; set; }

    public int? Code { get; set; }

    public StatusDetails? Details { get; set; }
}
