namespace EppOperator.Kube.Entities.Core;

/// <summary>Where an environment variable's value comes from.</summary>
internal sealed class EnvVarSource : KubeModel
{
    public ObjectFieldSelector? FieldRef { get; set; }

    public KeySelector? SecretKeyRef { get; set; }

    public KeySelector? ConfigMapKeyRef { get; set; }
}
