namespace EppOperator.Testing.Kubernetes;

/// <summary>Query options common to writes: field manager, dry run, field validation and apply force.</summary>
internal sealed record WriteOptions(string FieldManager, bool DryRun = false, string FieldValidation = "Strict", bool Force = false)
{
    public static WriteOptions Internal { get; } = new("kube-apiserver-fixture", FieldValidation: "Ignore");
}
