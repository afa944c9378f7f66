using System.Text.Json;

namespace EppOperator.Kube.Entities.Core;

/// <summary>core/v1 PodSpec: the subset controllers here read or write; everything else is preserved.</summary>
internal sealed class PodSpec : KubeModel
{
    public List<Container>? Containers { get; set; }

    public List<Container>? InitContainers { get; set; }

    public List<Volume>? Volumes { get; set; }

    /// <summary>Set once the pod is scheduled; graceful deletion applies only to scheduled pods.</summary>
    public string? NodeName { get; set; }

    public string? ServiceAccountName { get; set; }

    public bool? AutomountServiceAccountToken { get; set; }

    public long? TerminationGracePeriodSeconds { get; set; }

    public string? RestartPolicy { get; set; }

    public PodSecurityContext? SecurityContext { get; set; }

    public Dictionary<string, string>? NodeSelector { get; set; }

    public JsonElement? Affinity { get; set; }

    public JsonElement? Tolerations { get; set; }
}
