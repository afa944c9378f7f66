using System.Text;
using System.Text.Json.Nodes;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Models;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Serialization;
using EppOperator.Operator.Yaml;

namespace EppOperator.Operator.Rendering;

/// <summary>
/// <c>epp-operator render</c>: every object the operator would create or update for the pools in a manifest file,
/// as YAML (like <c>helm template</c>), preceded by comments with the status it would report. Certificates are
/// issued at runtime by the operator CA, so the TLS Secret and CA bundles are not shown.
/// </summary>
internal static class ManifestRenderer
{
    public static string Render(RenderInput input, OperatorSettings settings)
    {
        var header = new StringBuilder("# Rendered by epp-operator render: the objects the operator would create or update.\n");
        if (settings.SecureServing) header.Append("# Not shown: TLS Secrets and CA bundles, issued at runtime by the operator CA.\n");
        var documents = new List<JsonNode?>();
        foreach (var pool in input.Pools.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Group, StringComparer.Ordinal))
        {
            var plan = PoolPlanner.Plan(pool, FactsFor(pool, input, settings), settings);
            header.Append(Summary(pool, plan));
            documents.AddRange(plan.Children.Select(KubeObjectJson.ToNode));
        }

        foreach (var model in input.Models.OrderBy(m => m.Metadata.Namespace, StringComparer.Ordinal).ThenBy(m => m.Metadata.Name, StringComparer.Ordinal))
        {
            var ready = InferenceModelArbiter.Evaluate(model, input.Models.Where(m => m.Metadata.Namespace == model.Metadata.Namespace));
            header.Append($"# InferenceModel {model.Metadata.Namespace}/{model.Metadata.Name}: Ready={ready.Status} ({ready.Reason}) {ready.Message}\n");
        }

        foreach (var objective in input.Objectives.OrderBy(o => o.Metadata.Namespace, StringComparer.Ordinal).ThenBy(o => o.Metadata.Name, StringComparer.Ordinal))
        {
            var ready = InferenceObjectiveValidator.Evaluate(objective);
            header.Append($"# InferenceObjective {objective.Metadata.Namespace}/{objective.Metadata.Name}: Ready={ready.Status} ({ready.Reason}) {ready.Message}\n");
        }

        foreach (var rewrite in input.Rewrites.OrderBy(r => r.Metadata.Namespace, StringComparer.Ordinal).ThenBy(r => r.Metadata.Name, StringComparer.Ordinal))
        {
            var accepted = InferenceModelRewriteValidator.Evaluate(rewrite, input.Rewrites.Where(r => r.Metadata.Namespace == rewrite.Metadata.Namespace));
            header.Append($"# InferenceModelRewrite {rewrite.Metadata.Namespace}/{rewrite.Metadata.Name}: Accepted={accepted.Status} ({accepted.Reason}) {accepted.Message}\n");
        }

        return YamlEmitter.EmitDocuments(documents, header.ToString());
    }

    /// <summary>The facts a cluster would provide, taken from the file: Services, ConfigMaps, HTTPRoutes.</summary>
    public static PoolFacts FactsFor(InferencePoolView pool, RenderInput input, OperatorSettings settings)
    {
        var intent = PoolIntentResolver.Resolve(pool, settings);
        var service = input.Services.FirstOrDefault(s => s.Metadata.Namespace == pool.Namespace && s.Metadata.Name == intent.EppServiceName);
        string? configHash = null;
        var missingKey = false;
        if (intent.EppConfig is { } reference && input.ConfigMaps.FirstOrDefault(c => c.Metadata.Namespace == pool.Namespace && c.Metadata.Name == reference.Name) is { } configMap)
        {
            configHash = ContentHash.Of(configMap.Data ?? []);
            missingKey = configMap.Data?.ContainsKey(reference.Key) != true;
        }

        return new PoolFacts
        {
            EppService = service is null ? null : ServiceFacts.Of(service, managedForPool: false),
            Routes = input.Routes,
            UserEppConfigHash = configHash,
            UserEppConfigMissingKey = missingKey,
        };
    }

    private static string Summary(InferencePoolView pool, PoolPlan plan)
    {
        var kind = pool.IsV1 ? "InferencePool" : "InferencePool (v1alpha2)";
        if (plan.Intent.Role == PoolRole.Ignored) return $"# {kind} {pool.Namespace}/{pool.Name}: not managed (its picker belongs to another implementation and no data plane is requested)\n";
        var text = new StringBuilder();
        text.Append($"# {kind} {pool.Namespace}/{pool.Name}: data plane {DataPlaneNames.ToName(plan.Intent.DataPlane)}; parents {string.Join(", ", plan.Parents)}\n");
        text.Append($"#   Accepted={plan.Accepted.Status} ({plan.Accepted.Reason}) {plan.Accepted.Message}\n");
        text.Append($"#   ResolvedRefs={plan.ResolvedRefs.Status} ({plan.ResolvedRefs.Reason}) {plan.ResolvedRefs.Message}\n");
        foreach (var warning in plan.Warnings) text.Append($"#   warning: {warning}\n");
        return text.ToString();
    }
}
