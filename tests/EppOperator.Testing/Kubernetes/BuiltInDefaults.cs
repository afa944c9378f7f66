using System.Globalization;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// The defaults the API server fills into the built-in types the operator writes (Deployment, pod
/// templates, Pod, Service), and their immutable fields. A controller that compares its desired object
/// with the live one field by field sees these extra fields here as it would on a real cluster.
/// </summary>
internal static class BuiltInDefaults
{
    private static int _nextClusterIp;

    public static void Apply(ResourceDefinition definition, JsonObject obj)
    {
        if (definition.IsCustom) return;
        switch ((definition.Group, definition.Plural))
        {
            case ("apps", "deployments"):
                if (obj["spec"] is JsonObject deployment) DefaultDeployment(deployment);
                break;
            case ("", "pods"):
                if (obj["spec"] is JsonObject pod) DefaultPodSpec(pod);
                break;
            case ("", "services"):
                if (obj["spec"] is JsonObject service) DefaultService(service);
                break;
        }
    }

    /// <summary>Rejects changes to fields the real server treats as immutable (422).</summary>
    public static void CheckImmutable(ResourceDefinition definition, string name, JsonObject before, JsonObject after)
    {
        if (definition.IsCustom) return;
        var field = (definition.Group, definition.Plural) switch
        {
            ("apps", "deployments" or "replicasets") when Changed(before, after, "spec", "selector") => "spec.selector",
            ("rbac.authorization.k8s.io", "rolebindings" or "clusterrolebindings") when Changed(before, after, "roleRef") => "roleRef",
            ("", "services") when before["spec"]?["clusterIP"] is JsonValue ip && ip.ToString().Length > 0 && Changed(before, after, "spec", "clusterIP") => "spec.clusterIP",
            ("", "configmaps" or "secrets") when before["immutable"]?.GetValueKind() == System.Text.Json.JsonValueKind.True && (Changed(before, after, "data") || Changed(before, after, "binaryData")) => "data",
            _ => null,
        };
        if (field is not null)
        {
            throw ApiError.Invalid(definition, name, [(field, "FieldValueInvalid", $"{field}: Invalid value: field is immutable")]);
        }
    }

    private static bool Changed(JsonObject before, JsonObject after, params string[] path)
    {
        JsonNode? a = before, b = after;
        foreach (var part in path)
        {
            a = (a as JsonObject)?[part];
            b = (b as JsonObject)?[part];
        }

        return !JsonNode.DeepEquals(a, b);
    }

    private static void DefaultDeployment(JsonObject spec)
    {
        SetIfAbsent(spec, "replicas", 1);
        SetIfAbsent(spec, "revisionHistoryLimit", 10);
        SetIfAbsent(spec, "progressDeadlineSeconds", 600);
        if (spec["strategy"] is not JsonObject strategy)
        {
            strategy = new JsonObject();
            spec["strategy"] = strategy;
        }

        SetIfAbsent(strategy, "type", "RollingUpdate");
        if (strategy["type"]?.ToString() == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling)
            {
                rolling = new JsonObject();
                strategy["rollingUpdate"] = rolling;
            }

            SetIfAbsent(rolling, "maxUnavailable", "25%");
            SetIfAbsent(rolling, "maxSurge", "25%");
        }

        if (spec["template"]?["spec"] is JsonObject podSpec) DefaultPodSpec(podSpec);
    }

    private static void DefaultPodSpec(JsonObject spec)
    {
        SetIfAbsent(spec, "restartPolicy", "Always");
        SetIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        SetIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        SetIfAbsent(spec, "schedulerName", "default-scheduler");
        if (spec["securityContext"] is null) spec["securityContext"] = new JsonObject();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (spec[list] as JsonArray ?? []).OfType<JsonObject>()) DefaultContainer(container);
        }
    }

    private static void DefaultContainer(JsonObject container)
    {
        SetIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        SetIfAbsent(container, "terminationMessagePolicy", "File");
        var image = container["image"]?.ToString() ?? "";
        var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image.LastIndexOf(':') > image.LastIndexOf('/') ? image[(image.LastIndexOf(':') + 1)..] : "";
        SetIfAbsent(container, "imagePullPolicy", tag is "" or "latest" ? "Always" : "IfNotPresent");
        if (container["resources"] is null) container["resources"] = new JsonObject();
        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>()) SetIfAbsent(port, "protocol", "TCP");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is not JsonObject p) continue;
            SetIfAbsent(p, "timeoutSeconds", 1);
            SetIfAbsent(p, "periodSeconds", 10);
            SetIfAbsent(p, "successThreshold", 1);
            SetIfAbsent(p, "failureThreshold", 3);
        }
    }

    private static void DefaultService(JsonObject spec)
    {
        SetIfAbsent(spec, "type", "ClusterIP");
        SetIfAbsent(spec, "sessionAffinity", "None");
        if (spec["type"]?.ToString() != "ExternalName")
        {
            if (spec["clusterIP"] is null || spec["clusterIP"]!.ToString().Length == 0)
            {
                var n = Interlocked.Increment(ref _nextClusterIp);
                spec["clusterIP"] = string.Create(CultureInfo.InvariantCulture, $"10.96.{(n / 250) % 250}.{(n % 250) + 1}");
            }

            if (spec["clusterIPs"] is null) spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.ToString());
            SetIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
            if (spec["ipFamilies"] is null) spec["ipFamilies"] = new JsonArray("IPv4");
            SetIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        }

        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            SetIfAbsent(port, "protocol", "TCP");
            if (port["targetPort"] is null && port["port"] is { } number) port["targetPort"] = number.DeepClone();
        }
    }

    private static void SetIfAbsent(JsonObject obj, string key, JsonNode value)
    {
        if (obj[key] is null) obj[key] = value;
    }
}
