namespace EppOperator.Kube.Entities;

/// <summary>One reason a request was rejected, usually naming the offending field.</summary>
internal sealed class StatusCause
{
    public string? Reason { get; set; }

    public string? Message { get; set; }

    public string? Field { get; set; }
}
