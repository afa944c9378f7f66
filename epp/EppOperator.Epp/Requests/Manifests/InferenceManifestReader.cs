using System.Globalization;
using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EppOperator.Epp.Requests.Manifests;

/// <summary>
/// Reads InferenceObjective and InferenceModelRewrite objects, and legacy InferenceModels, from the same
/// multi-document YAML users would <c>kubectl apply</c>, for the standalone EPP. Objects of other kinds are skipped
/// with a warning; objects bound to another pool are skipped when the pool name is known; invalid objects are errors
/// (the EPP refuses to start). An InferenceModel gives its <c>modelName</c> the priority of its criticality
/// (<see cref="InferenceModelCriticality"/>) and, with <c>targetModels</c>, a weighted rewrite, as in Kubernetes mode.
/// </summary>
internal static class InferenceManifestReader
{
    private static readonly string[] Groups = ["inference.networking.x-k8s.io/", "llm-d.ai/"];

    /// <summary>Rewrites derived from InferenceModels are named with this prefix (as in Kubernetes mode), apart from InferenceModelRewrites.</summary>
    private const string ModelRewritePrefix = "inferencemodel:";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static InferenceManifestSet Read(string yaml, string? poolName)
    {
        var objectives = new List<InferenceObjective>();
        var rewrites = new List<InferenceModelRewrite>();
        var models = new List<InferenceModelPriority>();
        var errors = new List<string>();
        var warnings = new List<string>();
        var documents = new List<ManifestDocument>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = Deserializer.Deserialize<ManifestDocument?>(parser);
                if (document is null) continue;
                if (document.Kind is "List" && document.Items is not null) documents.AddRange(document.Items);
                else documents.Add(document);
            }
        }
        catch (YamlException ex)
        {
            errors.Add($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
            return new InferenceManifestSet([], [], errors, warnings);
        }

        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            var label = $"object {index + 1} ({document.Kind ?? "no kind"} {document.Metadata?.Name ?? "unnamed"})";
            if (document.Kind is not ("InferenceObjective" or "InferenceModelRewrite" or "InferenceModel"))
            {
                warnings.Add($"{label}: skipped, only InferenceObjective, InferenceModelRewrite and InferenceModel are read");
                continue;
            }

            if (document.ApiVersion is null || !Groups.Any(g => document.ApiVersion.StartsWith(g, StringComparison.Ordinal)))
            {
                errors.Add($"{label}: apiVersion '{document.ApiVersion}' is not inference.networking.x-k8s.io/* or llm-d.ai/*");
                continue;
            }

            if (string.IsNullOrEmpty(document.Metadata?.Name))
            {
                errors.Add($"{label}: metadata.name is required");
                continue;
            }

            var pool = document.Spec?.PoolRef?.Name ?? "";
            if (!string.IsNullOrEmpty(poolName) && pool.Length > 0 && pool != poolName)
            {
                warnings.Add($"{label}: skipped, it belongs to pool '{pool}', not '{poolName}'");
                continue;
            }

            var ns = document.Metadata.Namespace ?? "default";
            if (document.Kind == "InferenceObjective")
            {
                objectives.Add(new InferenceObjective(ns, document.Metadata.Name, document.Spec?.Priority) { PoolName = pool });
                continue;
            }

            // Objects without a creation time keep file order: earlier documents are "older" and win ties.
            var createdAt = DateTimeOffset.UnixEpoch.AddTicks(index);
            if (document.Metadata.CreationTimestamp is { } stamp)
            {
                if (!DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out createdAt))
                {
                    errors.Add($"{label}: metadata.creationTimestamp '{stamp}' is not an RFC 3339 time");
                    continue;
                }
            }

            if (document.Kind == "InferenceModel")
            {
                ReadModel(document, ns, pool, createdAt, label, models, rewrites, errors);
                continue;
            }

            var rules = ReadRules(document.Spec?.Rules, label, errors);
            if (rules is not null)
            {
                rewrites.Add(new InferenceModelRewrite(ns, document.Metadata.Name, createdAt, rules.Value) { PoolName = pool });
            }
        }

        return new InferenceManifestSet(objectives, rewrites, errors, warnings) { Models = models };
    }

    private static void ReadModel(
        ManifestDocument document,
        string ns,
        string pool,
        DateTimeOffset createdAt,
        string label,
        List<InferenceModelPriority> models,
        List<InferenceModelRewrite> rewrites,
        List<string> errors)
    {
        var spec = document.Spec;
        var name = document.Metadata!.Name!;
        if (string.IsNullOrEmpty(spec?.ModelName))
        {
            errors.Add($"{label}: spec.modelName is required");
            return;
        }

        if (!InferenceModelCriticality.TryGetPriority(spec.Criticality, out var priority))
        {
            errors.Add($"{label}: spec.criticality '{spec.Criticality}' is not {InferenceModelCriticality.Critical}, {InferenceModelCriticality.Standard} or {InferenceModelCriticality.Sheddable}");
            return;
        }

        var targets = ImmutableArray.CreateBuilder<ModelRewriteTarget>();
        foreach (var target in spec.TargetModels ?? [])
        {
            if (string.IsNullOrEmpty(target.Name) || target.Weight is < 0 or > 1_000_000)
            {
                errors.Add($"{label}: spec.targetModels needs a name and a weight in 1..1000000");
                return;
            }

            targets.Add(new ModelRewriteTarget(target.Name, target.Weight ?? 0));
        }

        models.Add(new InferenceModelPriority(ns, name, spec.ModelName, priority) { CreatedAt = createdAt });
        if (targets.Count > 0)
        {
            rewrites.Add(new InferenceModelRewrite(ns, ModelRewritePrefix + name, createdAt, [new ModelRewriteRule([spec.ModelName], targets.ToImmutable())]) { PoolName = pool });
        }
    }

    private static ImmutableArray<ModelRewriteRule>? ReadRules(List<ManifestRewriteRule>? rules, string label, List<string> errors)
    {
        if (rules is null || rules.Count == 0)
        {
            errors.Add($"{label}: spec.rules is required");
            return null;
        }

        var result = ImmutableArray.CreateBuilder<ModelRewriteRule>(rules.Count);
        var ok = true;
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var matches = ImmutableArray.CreateBuilder<string>();
            foreach (var match in rule.Matches ?? [])
            {
                var type = match.Model?.Type ?? "Exact";
                if (type != "Exact" || string.IsNullOrEmpty(match.Model?.Value))
                {
                    errors.Add($"{label}: spec.rules[{r}].matches needs model.value with type Exact");
                    ok = false;
                    continue;
                }

                matches.Add(match.Model.Value);
            }

            var targets = ImmutableArray.CreateBuilder<ModelRewriteTarget>();
            foreach (var target in rule.Targets ?? [])
            {
                var weight = target.Weight ?? 0;
                if (string.IsNullOrEmpty(target.ModelRewrite) || weight is < 0 or > 1_000_000)
                {
                    errors.Add($"{label}: spec.rules[{r}].targets needs modelRewrite and a weight in 1..1000000");
                    ok = false;
                    continue;
                }

                targets.Add(new ModelRewriteTarget(target.ModelRewrite, weight));
            }

            if (targets.Count == 0)
            {
                errors.Add($"{label}: spec.rules[{r}].targets must not be empty");
                ok = false;
            }

            result.Add(new ModelRewriteRule(matches.ToImmutable(), targets.ToImmutable()));
        }

        return ok ? result.MoveToImmutable() : null;
    }
}
