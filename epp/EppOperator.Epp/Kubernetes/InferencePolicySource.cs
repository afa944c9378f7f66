using System.Collections.Immutable;
using EppOperator.Epp.Requests;
using EppOperator.Kube.Client;
using EppOperator.Kube.Entities.Inference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EppOperator.Epp.Kubernetes;

/// <summary>
/// Feeds the request path's objective and rewrite stores from the cluster: InferenceObjective and
/// InferenceModelRewrite objects (and, for legacy pools, InferenceModel target models) in the pool's
/// namespace whose <c>poolRef</c> names this pool. Kinds whose CRD is not installed are skipped.
/// </summary>
/// <remarks>
/// A legacy InferenceModel becomes a rewrite rule from its <c>modelName</c> to its weighted
/// <c>targetModels</c>, and its <c>criticality</c> the priority of requests for that model name that name no known
/// objective (<see cref="InferenceModelCriticality"/>), since legacy clients send no objective header.
/// </remarks>
internal sealed class InferencePolicySource : BackgroundService
{
    /// <summary>Rewrites derived from InferenceModels are stored under this name prefix, apart from InferenceModelRewrite objects.</summary>
    public const string ModelRewritePrefix = "inferencemodel:";

    private readonly KubernetesClient _client;
    private readonly EppKubernetesOptions _options;
    private readonly InferenceObjectiveStore _objectives;
    private readonly ModelRewriteStore _rewrites;
    private readonly ILogger _logger;

    public InferencePolicySource(KubernetesClient client, EppKubernetesOptions options, InferenceObjectiveStore objectives, ModelRewriteStore rewrites, ILogger<InferencePolicySource> logger)
    {
        _client = client;
        _options = options;
        _objectives = objectives;
        _rewrites = rewrites;
        _logger = logger;
    }

    public static InferenceObjective ToObjective(V1Alpha2InferenceObjective objective) =>
        new(objective.Metadata.Namespace ?? "", objective.Metadata.Name ?? "", objective.Spec.Priority) { PoolName = objective.Spec.PoolRef.Name };

    public static InferenceModelRewrite ToRewrite(V1Alpha2InferenceModelRewrite rewrite) =>
        new(
            rewrite.Metadata.Namespace ?? "",
            rewrite.Metadata.Name ?? "",
            rewrite.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue,
            [.. rewrite.Spec.Rules.Select(rule => new ModelRewriteRule(
                [.. (rule.Matches ?? []).Select(m => m.Model.Value)],
                [.. rule.Targets.Select(t => new ModelRewriteTarget(t.ModelRewrite, t.Weight))]))])
        {
            PoolName = rewrite.Spec.PoolRef.Name,
        };

    /// <summary>The rewrite a legacy InferenceModel implies; null when it has no target models.</summary>
    public static InferenceModelRewrite? ToRewrite(V1Alpha2InferenceModel model)
    {
        if (model.Spec.TargetModels is not { Count: > 0 } targets) return null;
        var rule = new ModelRewriteRule([model.Spec.ModelName], [.. targets.Select(t => new ModelRewriteTarget(t.Name, t.Weight ?? 0))]);
        return new InferenceModelRewrite(model.Metadata.Namespace ?? "", ModelRewritePrefix + model.Metadata.Name, model.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue, [rule])
        {
            PoolName = model.Spec.PoolRef.Name,
        };
    }

    public static InferenceModelPriority ToModelPriority(V1Alpha2InferenceModel model) =>
        new(
            model.Metadata.Namespace ?? "",
            model.Metadata.Name ?? "",
            model.Spec.ModelName,
            InferenceModelCriticality.TryGetPriority(model.Spec.Criticality, out var priority) ? priority : InferenceModelCriticality.StandardPriority)
        {
            CreatedAt = model.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue,
        };

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informer = _options.Informer with { Namespace = _options.PoolNamespace, LabelSelector = null, FieldSelector = null };
        var objectives = new PoolScopedWatch<V1Alpha2InferenceObjective>(
            _client,
            informer,
            o => RefersToPool(o.Spec.PoolRef.Name, o.Spec.PoolRef.Group, V1InferencePool.Group),
            all => _objectives.ReplaceAll(all.Select(ToObjective)),
            o => _objectives.Upsert(ToObjective(o)),
            o => _objectives.Remove(o.Metadata.Name ?? ""),
            _logger);

        // Two kinds feed the rewrite store, so neither replaces the other's entries wholesale.
        var rewrites = new PoolScopedWatch<V1Alpha2InferenceModelRewrite>(
            _client,
            informer,
            r => RefersToPool(r.Spec.PoolRef.Name, r.Spec.PoolRef.Group, V1InferencePool.Group),
            all => { foreach (var rewrite in all) _rewrites.Upsert(ToRewrite(rewrite)); },
            r => _rewrites.Upsert(ToRewrite(r)),
            r => _rewrites.Remove(r.Metadata.Namespace ?? "", r.Metadata.Name ?? ""),
            _logger);
        var models = new PoolScopedWatch<V1Alpha2InferenceModel>(
            _client,
            informer,
            m => RefersToPool(m.Spec.PoolRef.Name, m.Spec.PoolRef.Group, V1Alpha2InferencePool.Group),
            all =>
            {
                foreach (var model in all) UpsertModel(model);
                _objectives.ReplaceAllModels(all.Select(ToModelPriority));
            },
            UpsertModel,
            m =>
            {
                _rewrites.Remove(m.Metadata.Namespace ?? "", ModelRewritePrefix + m.Metadata.Name);
                _objectives.RemoveModel(m.Metadata.Namespace ?? "", m.Metadata.Name ?? "");
            },
            _logger);
        return Task.WhenAll(objectives.RunAsync(stoppingToken), rewrites.RunAsync(stoppingToken), models.RunAsync(stoppingToken));
    }

    private void UpsertModel(V1Alpha2InferenceModel model)
    {
        if (ToRewrite(model) is { } rewrite) _rewrites.Upsert(rewrite);
        else _rewrites.Remove(model.Metadata.Namespace ?? "", ModelRewritePrefix + model.Metadata.Name);
        _objectives.UpsertModel(ToModelPriority(model));
    }

    /// <summary>A poolRef names this pool when the name matches and its group (defaulted per kind) is the pool's group.</summary>
    private bool RefersToPool(string name, string? group, string defaultGroup) =>
        name == _options.PoolName && (string.IsNullOrEmpty(group) ? defaultGroup : group) == _options.PoolGroup;
}
