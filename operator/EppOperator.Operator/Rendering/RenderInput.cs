using System.Text.Json;
using System.Text.Json.Nodes;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Serialization;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Rendering;

/// <summary>The objects of a manifest file that matter to the operator, sorted by kind; the rest is ignored.</summary>
internal sealed class RenderInput
{
    public List<InferencePoolView> Pools { get; } = [];

    public List<HttpRoute> Routes { get; } = [];

    public List<Service> Services { get; } = [];

    public List<ConfigMap> ConfigMaps { get; } = [];

    public List<V1Alpha2InferenceModel> Models { get; } = [];

    public List<V1Alpha2InferenceObjective> Objectives { get; } = [];

    public List<V1Alpha2InferenceModelRewrite> Rewrites { get; } = [];

    /// <summary>Parses every document; objects without a namespace get <paramref name="defaultNamespace"/>.</summary>
    /// <exception cref="FormatException">The YAML is invalid or a known kind does not match its schema (the message names the document).</exception>
    public static RenderInput Parse(string yaml, string defaultNamespace)
    {
        var input = new RenderInput();
        var index = 0;
        foreach (var document in YamlJson.ParseDocuments(yaml))
        {
            index++;
            if (document is not JsonObject obj) continue;
            foreach (var item in obj["kind"]?.GetValue<string>() is "List" && obj["items"] is JsonArray items ? items.OfType<JsonObject>() : [obj])
            {
                try
                {
                    input.Add(item, defaultNamespace);
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    throw new FormatException($"document {index} ({item["kind"]} {item["metadata"]?["name"]}): {ex.Message}", ex);
                }
            }
        }

        return input;
    }

    private void Add(JsonObject item, string defaultNamespace)
    {
        var apiVersion = item["apiVersion"]?.GetValue<string>();
        var kind = item["kind"]?.GetValue<string>();
        if (item["metadata"] is JsonObject metadata && metadata["namespace"] is null) metadata["namespace"] = defaultNamespace;
        switch ((apiVersion, kind))
        {
            case ("inference.networking.k8s.io/v1", "InferencePool"):
                Pools.Add(InferencePoolView.From(item.Deserialize(KubeJsonContext.Default.V1InferencePool)!));
                break;
            case ("inference.networking.x-k8s.io/v1alpha2", "InferencePool"):
                Pools.Add(InferencePoolView.From(item.Deserialize(KubeJsonContext.Default.V1Alpha2InferencePool)!));
                break;
            case ("inference.networking.x-k8s.io/v1alpha2", "InferenceModel"):
                Models.Add(item.Deserialize(KubeJsonContext.Default.V1Alpha2InferenceModel)!);
                break;
            case ("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective"):
                Objectives.Add(item.Deserialize(KubeJsonContext.Default.V1Alpha2InferenceObjective)!);
                break;
            case ("inference.networking.x-k8s.io/v1alpha2", "InferenceModelRewrite"):
                Rewrites.Add(item.Deserialize(KubeJsonContext.Default.V1Alpha2InferenceModelRewrite)!);
                break;
            case ("gateway.networking.k8s.io/v1", "HTTPRoute"):
                Routes.Add(item.Deserialize(Serialization.OperatorJsonContext.Default.HttpRoute)!);
                break;
            case ("v1", "Service"):
                Services.Add(item.Deserialize(KubeJsonContext.Default.Service)!);
                break;
            case ("v1", "ConfigMap"):
                ConfigMaps.Add(item.Deserialize(KubeJsonContext.Default.ConfigMap)!);
                break;
        }
    }
}
