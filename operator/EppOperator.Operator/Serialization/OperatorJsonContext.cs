using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EppOperator.Operator.Entities;

namespace EppOperator.Operator.Serialization;

/// <summary>Source-generated serialisation of the third-party kinds the operator reads or writes, with the API's conventions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(EnvoyExtensionPolicy))]
[JsonSerializable(typeof(EnvoyGatewayBackend))]
[JsonSerializable(typeof(EnvoyGatewayBackendTrafficPolicy))]
[JsonSerializable(typeof(EnvoyAiGatewayRoute))]
[JsonSerializable(typeof(IstioDestinationRule))]
[JsonSerializable(typeof(HttpRoute))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext;
