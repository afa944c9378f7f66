using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EppOperator.Kube.Entities.ApiExtensions;
using EppOperator.Kube.Entities.Apps;
using EppOperator.Kube.Entities.Coordination;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Entities.Rbac;

namespace EppOperator.Kube.Serialization;

/// <summary>
/// Source-generated serialisation for every built-in entity: camelCase names as the API uses them, nulls
/// omitted so unset optional fields stay absent (a PUT must not write <c>null</c> over defaults).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(Role))]
[JsonSerializable(typeof(RoleBinding))]
[JsonSerializable(typeof(ClusterRole))]
[JsonSerializable(typeof(ClusterRoleBinding))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(JsonSchemaProps))]
[JsonSerializable(typeof(V1InferencePool))]
[JsonSerializable(typeof(V1Alpha2InferencePool))]
[JsonSerializable(typeof(V1Alpha2InferenceModel))]
[JsonSerializable(typeof(V1Alpha2InferenceObjective))]
[JsonSerializable(typeof(V1Alpha2InferenceModelRewrite))]
[JsonSerializable(typeof(KubeStatus))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(RawList))]
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(RawResourceList))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
