namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>A CEL rule (<c>x-kubernetes-validations</c>); stored and served, evaluated only by a real API server.</summary>
internal sealed class ValidationRule : KubeModel
{
    public string Rule { get; set; } = "";

    public string? Message { get; set; }

    public string? MessageExpression { get; set; }

    public string? Reason { get; set; }

    public string? FieldPath { get; set; }

    public bool? OptionalOldSelf { get; set; }
}
