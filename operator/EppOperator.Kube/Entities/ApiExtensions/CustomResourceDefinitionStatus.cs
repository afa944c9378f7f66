namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary>What the API server accepted: names, conditions (<c>Established</c>, <c>NamesAccepted</c>) and stored versions.</summary>
internal sealed class CustomResourceDefinitionStatus : KubeModel
{
    public List<Condition>? Conditions { get; set; }

    public CustomResourceDefinitionNames? AcceptedNames { get; set; }

    public List<string>? StoredVersions { get; set; }
}
