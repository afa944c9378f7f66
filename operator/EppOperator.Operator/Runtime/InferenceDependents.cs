using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Models;
using Microsoft.Extensions.DependencyInjection;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Indexes models, objectives and rewrites by pool, and requeues them when their pool's role changes (a pool the
/// operator starts serving gets its models' status written; one it stops serving leaves them alone).
/// </summary>
internal sealed class InferenceDependents
{
    private readonly IServiceProvider _services;

    public InferenceDependents(IServiceProvider services, PoolRoles roles)
    {
        _services = services;
        services.GetService<InformerCache<V1Alpha2InferenceModel>>()?.AddIndex(InferenceModelController.PoolIndex, m => [InferenceModelArbiter.PoolKey(m)]);
        services.GetService<InformerCache<V1Alpha2InferenceObjective>>()?.AddIndex(InferenceObjectiveController.PoolIndex, o => [InferenceObjectiveController.PoolKey(o)]);
        services.GetService<InformerCache<V1Alpha2InferenceModelRewrite>>()?.AddIndex(InferenceModelRewriteController.PoolIndex, r => [InferenceModelRewriteController.PoolKey(r)]);
        roles.Changed += RequeueDependents;
    }

    private void RequeueDependents(string poolKey)
    {
        Requeue<V1Alpha2InferenceModel>(InferenceModelController.PoolIndex, poolKey);
        Requeue<V1Alpha2InferenceObjective>(InferenceObjectiveController.PoolIndex, poolKey);
        Requeue<V1Alpha2InferenceModelRewrite>(InferenceModelRewriteController.PoolIndex, poolKey);
    }

    private void Requeue<T>(string index, string poolKey)
        where T : class, IKubernetesEntity<T>
    {
        if (_services.GetService<InformerCache<T>>() is not { } cache || _services.GetService<IEntityRequeue<T>>() is not { } requeue) return;
        foreach (var item in cache.ByIndex(index, poolKey)) requeue.Requeue(NamespacedName.Of(item));
    }
}
