using System.Text.Json;

namespace EppOperator.Kube.Entities.Core;

/// <summary>A pod volume; only the sources used here are typed.</summary>
internal sealed class Volume : KubeModel
{
    public string Name { get; set; } = "";

    public ConfigMapVolumeSource? ConfigMap { get; set; }

    public SecretVolumeSource? Secret { get; set; }

    public JsonElement? EmptyDir { get; set; }

    public JsonElement? Projected { get; set; }
}
