using EppOperator.Kube.Controllers;
using EppOperator.Kube.Finalizers;
using EppOperator.Kube.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EppOperator.Kube.Hosting;

/// <summary>Registers controllers and finalizers, KubeOps-style (<c>AddController</c>, <c>AddFinalizer</c>).</summary>
internal sealed class OperatorBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Registers a scoped controller and its hosted runner, plus <see cref="InformerCache{TEntity}"/> and
    /// <see cref="IEntityRequeue{TEntity}"/> for other components to read the cache and queue work.
    /// </summary>
    public OperatorBuilder AddController<TController, TEntity>(ControllerOptions<TEntity>? options = null)
        where TController : class, IEntityController<TEntity>
        where TEntity : class, IKubernetesEntity<TEntity>
    {
        Services.TryAddSingleton(options ?? new ControllerOptions<TEntity>());
        Services.TryAddSingleton<FinalizerRegistry<TEntity>>();
        Services.AddScoped<IEntityController<TEntity>, TController>();
        Services.TryAddSingleton<EntityControllerHost<TEntity>>();
        Services.AddHostedService(sp => sp.GetRequiredService<EntityControllerHost<TEntity>>());
        Services.TryAddSingleton<IEntityRequeue<TEntity>>(sp => sp.GetRequiredService<EntityControllerHost<TEntity>>());
        Services.TryAddSingleton(sp => sp.GetRequiredService<EntityControllerHost<TEntity>>().Cache);
        return this;
    }

    /// <summary>Registers a scoped finalizer under its identifier (e.g. <c>inference.example.com/epp-cleanup</c>).</summary>
    public OperatorBuilder AddFinalizer<TFinalizer, TEntity>(string identifier)
        where TFinalizer : class, IEntityFinalizer<TEntity>
        where TEntity : class, IKubernetesEntity<TEntity>
    {
        EntityFinalizers.ValidateIdentifier(identifier);
        Services.AddSingleton(new FinalizerRegistration<TEntity>(identifier));
        Services.AddKeyedScoped<IEntityFinalizer<TEntity>, TFinalizer>(identifier);
        return this;
    }
}
