using System.Text.Json;

namespace EppOperator.Kube.Entities.ApiExtensions;

/// <summary><c>status</c> (present = enabled, the object is empty) and <c>scale</c>.</summary>
internal sealed class CustomResourceSubresources : KubeModel
{
    public JsonElement? Status { get; set; }

    public JsonElement? Scale { get; set; }
}
