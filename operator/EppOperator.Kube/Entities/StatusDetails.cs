namespace EppOperator.Kube.Entities;

/// <summary>What a <see cref="KubeStatus"/> is about, plus per-field causes for 422 Invalid.</summary>
internal sealed class StatusDetails
{
    public string? Name { get; set; }

    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Uid { get; set; }

    public List<StatusCause>? Causes { get; set; }

    public int? RetryAfterSeconds { get; set; }
}
