using EppOperator.Kube.Entities.ApiExtensions;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Serialization;

namespace EppOperator.Operator.Crds;

/// <summary>
/// The five inference CRDs with upstream's validation (GAIE v1.5.0 for v1 and the objective and rewrite kinds,
/// v0.5.1 for the legacy v1alpha2 kinds): CEL rules, bounds, enums, defaults, patterns, status subresources and
/// default statuses, plus printer columns (upstream has none on InferencePool; we add them).
/// </summary>
internal static class CrdCatalog
{
    // Shared type patterns from upstream's shared_types.go.
    private const string GroupPattern = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private const string KindPattern = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";
    private const string NamespacePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    private const string LabelValuePattern = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    private const string ControllerNamePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";

    public static IReadOnlyList<CrdDefinition> All { get; } =
    [
        InferencePoolV1(),
        InferencePoolV1Alpha2(),
        InferenceModelV1Alpha2(),
        InferenceObjectiveV1Alpha2(),
        InferenceModelRewriteV1Alpha2(),
    ];

    private static CrdDefinition InferencePoolV1() => Define<V1InferencePool>(
        "inferencepool",
        "InferencePool is a set of model-server Pods, the ports they serve on, and the Endpoint Picker that routes requests among them.",
        ["infpool"],
        [
            Column("Selector", "string", ".spec.selector.matchLabels", priority: 1),
            Column("Target Ports", "string", ".spec.targetPorts[*].number"),
            Column("Endpoint Picker", "string", ".spec.endpointPickerRef.name"),
            Column("Failure Mode", "string", ".spec.endpointPickerRef.failureMode"),
            Column("Accepted", "string", ".status.parents[*].conditions[?(@.type==\"Accepted\")].status"),
            Column("Resolved", "string", ".status.parents[*].conditions[?(@.type==\"ResolvedRefs\")].status"),
            Age(),
        ],
        new SchemaOverlay()
            .Describe("spec", "The desired state of the InferencePool.")
            .Describe("spec.selector", "Which Pods are members of the pool: matched by labels, in the pool's namespace only.")
            .Edit("spec.selector.matchLabels", s => s.Description = "Labels a Pod must carry, all of them.")
            .Pattern("spec.selector.matchLabels{}", LabelValuePattern)
            .Edit("spec.selector.matchLabels{}", s => s.MinLength = 0)
            .Describe("spec.targetPorts", "Ports the model servers listen on; each podIP:port is a separate endpoint.")
            .ListType("spec.targetPorts", "atomic")
            .Rule("spec.targetPorts", "self.all(p1, self.exists_one(p2, p1.number==p2.number))", "port number must be unique")
            .Describe("spec.appProtocol", "The protocol of every target port: http (HTTP/1.1, the default) or kubernetes.io/h2c.")
            .Describe("spec.endpointPickerRef", "The Endpoint Picker extension serving this pool. Unset: epp-operator runs one for the pool.")
            .Rule("spec.endpointPickerRef", "self.kind != 'Service' || has(self.port)", "port is required when kind is 'Service' or unspecified (defaults to 'Service')")
            .Reference("spec.endpointPickerRef")
            .Describe("spec.endpointPickerRef.port", "The Service port of the picker (not its target port); required for a Service.")
            .Describe("spec.endpointPickerRef.failureMode", "What the data plane does when the picker does not answer: FailOpen or FailClose (default).")
            .Describe("status", "The observed state of the InferencePool, one entry per parent.")
            .ListType("status.parents", "atomic")
            .ListType("status.parents[].conditions", "map", "type")
            .Pattern("status.parents[].controllerName", ControllerNamePattern)
            .Edit("status.parents[].controllerName", s => (s.MinLength, s.MaxLength) = (1, 253))
            .Reference("status.parents[].parentRef", bounded: true)
            .Pattern("status.parents[].parentRef.namespace", NamespacePattern)
            .Edit("status.parents[].parentRef.namespace", s => (s.MinLength, s.MaxLength) = (1, 63)));

    private static CrdDefinition InferencePoolV1Alpha2() => Define<V1Alpha2InferencePool>(
        "inferencepool",
        "InferencePool (legacy v1alpha2) is a set of model-server Pods, their port, and the Endpoint Picker extension that routes among them.",
        [],
        [
            Column("Target Port", "integer", ".spec.targetPortNumber"),
            Column("Extension", "string", ".spec.extensionRef.name"),
            Column("Failure Mode", "string", ".spec.extensionRef.failureMode"),
            Column("Accepted", "string", ".status.parent[*].conditions[?(@.type==\"Accepted\")].status"),
            Age(),
        ],
        new SchemaOverlay()
            .Describe("spec.selector", "Labels a member Pod must carry, all of them (same namespace only).")
            .Pattern("spec.selector{}", LabelValuePattern)
            .Describe("spec.targetPortNumber", "The port the model servers listen on.")
            .Describe("spec.extensionRef", "The Endpoint Picker extension Service.")
            .Reference("spec.extensionRef")
            .Describe("spec.extensionRef.portNumber", "The Service port of the extension; 9002 when unset.")
            .Edit("status", s =>
            {
                s.MinProperties = 1;
                s.Default = PendingParentStatus();
            })
            .Conditions("status.parent[].conditions", "Accepted"));

    private static CrdDefinition InferenceModelV1Alpha2() => Define<V1Alpha2InferenceModel>(
        "inferencemodel",
        "InferenceModel (legacy v1alpha2) declares a model name served by a pool, its criticality and optional weighted target models.",
        [],
        [
            Column("Model Name", "string", ".spec.modelName"),
            Column("Inference Pool", "string", ".spec.poolRef.name"),
            Column("Criticality", "string", ".spec.criticality"),
            Column("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
            Age(),
        ],
        new SchemaOverlay()
            .Describe("spec.modelName", "The name clients send as the request body's model; unique per pool (the oldest object wins) and immutable.")
            .Rule("spec.modelName", "self == oldSelf", "modelName is immutable")
            .Describe("spec.criticality", "Critical, Standard or Sheddable; unset is treated as Standard.")
            .Describe("spec.targetModels", "Weighted models to send the traffic to; weights are set for all or for none.")
            .Rule("spec.targetModels", "self.all(model, has(model.weight)) || self.all(model, !has(model.weight))", "Weights should be set for all models, or none of the models.")
            .Reference("spec.poolRef", bounded: true)
            .Conditions("status.conditions", "Ready"));

    private static CrdDefinition InferenceObjectiveV1Alpha2() => Define<V1Alpha2InferenceObjective>(
        "inferenceobjective",
        "InferenceObjective is a named priority that requests select with the x-gateway-inference-objective header.",
        [],
        [
            Column("Inference Pool", "string", ".spec.poolRef.name"),
            Column("Priority", "string", ".spec.priority"),
            Column("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
            Age(),
        ],
        new SchemaOverlay()
            .Describe("spec.priority", "Higher is served first; may be negative; unset is treated as 0.")
            .Describe("spec.poolRef", "The InferencePool (v1, same namespace) the objective applies to.")
            .Reference("spec.poolRef")
            .Conditions("status.conditions", "Ready"));

    private static CrdDefinition InferenceModelRewriteV1Alpha2() => Define<V1Alpha2InferenceModelRewrite>(
        "inferencemodelrewrite",
        "InferenceModelRewrite rewrites the requested model name to weighted targets.",
        [],
        [
            Column("Inference Pool", "string", ".spec.poolRef.name"),
            Column("Accepted", "string", ".status.conditions[?(@.type==\"Accepted\")].status"),
            Age(),
        ],
        new SchemaOverlay()
            .Describe("spec.rules", "Rules in order: an exact model match beats a catch-all rule, then the oldest object, then the first rule.")
            .Describe("spec.rules[].matches", "Any of these matches selects the rule; none matches every model.")
            .Describe("spec.rules[].targets", "Weighted destination models; an omitted weight reads as 0.")
            .Reference("spec.poolRef")
            .Conditions("status.conditions", "Accepted"));

    private static CrdDefinition Define<T>(string singular, string description, IReadOnlyList<string> shortNames, IReadOnlyList<CustomResourceColumnDefinition> columns, SchemaOverlay overlay)
        where T : class, IKubernetesEntity<T> =>
        new(typeof(T), T.EntityType, singular, description, shortNames, columns, overlay);

    /// <summary>
    /// Upstream's group/kind reference shape: a patterned group and a non-empty patterned kind; <paramref name="bounded"/>
    /// adds the length caps upstream puts on pool and parent references (group 253, kind 63).
    /// </summary>
    private static SchemaOverlay Reference(this SchemaOverlay overlay, string path, bool bounded = false)
    {
        overlay.Pattern(path + ".group", GroupPattern).Pattern(path + ".kind", KindPattern).Edit(path + ".kind", s => s.MinLength = 1);
        return bounded ? overlay.Edit(path + ".group", s => s.MaxLength = 253).Edit(path + ".kind", s => s.MaxLength = 63) : overlay;
    }

    /// <summary>A meta/v1 conditions list keyed by type, defaulting to one Pending condition until a controller writes.</summary>
    private static SchemaOverlay Conditions(this SchemaOverlay overlay, string path, string pendingType) => overlay
        .ListType(path, "map", "type")
        .Edit(path, s => s.Default = PendingConditions(pendingType));

    private static CustomResourceColumnDefinition Column(string name, string type, string path, int? priority = null) =>
        new() { Name = name, Type = type, JsonPath = path, Priority = priority };

    private static CustomResourceColumnDefinition Age() => Column("Age", "date", ".metadata.creationTimestamp");

    private static System.Text.Json.JsonElement PendingConditions(string type) => JsonElements.Parse(
        $$"""[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"{{type}}"}]""");

    private static System.Text.Json.JsonElement PendingParentStatus() => JsonElements.Parse(
        """{"parent":[{"conditions":[{"lastTransitionTime":"1970-01-01T00:00:00Z","message":"Waiting for controller","reason":"Pending","status":"Unknown","type":"Accepted"}],"parentRef":{"kind":"Status","name":"default"}}]}""");
}
