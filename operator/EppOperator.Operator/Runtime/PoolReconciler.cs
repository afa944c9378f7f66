using EppOperator.Kube.Client;
using EppOperator.Kube.Controllers;
using EppOperator.Kube.Entities.Core;
using EppOperator.Kube.Entities.Inference;
using EppOperator.Kube.Events;
using EppOperator.Kube.Informers;
using EppOperator.Operator.Configuration;
using EppOperator.Operator.Entities;
using EppOperator.Operator.Planning;
using EppOperator.Operator.Pools;
using EppOperator.Operator.Tls;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// Reconciles one pool of either version: gathers the facts around it (picker Service, user configuration, routes,
/// the picker's certificate), plans, applies the children that differ, deletes the pool's children that are no
/// longer wanted, writes its own status entries and records an Event for every change. Level-based: running it
/// twice on an unchanged cluster writes nothing.
/// </summary>
internal sealed class PoolReconciler(
    KubernetesClient client,
    ChildResources children,
    ClusterCapabilities capabilities,
    OperatorSettings settings,
    OperatorCertificateAuthority authority,
    PoolRoles roles,
    EventRecorder events,
    TimeProvider time,
    ILogger<PoolReconciler> logger,
    Hosting.OperatorMetrics? metrics = null,
    InformerCache<HttpRoute>? routes = null)
{
    public async Task<ReconcileResult> ReconcileAsync(InferencePoolView pool, IPoolStatusWriter status, CancellationToken cancellationToken)
    {
        await children.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        var intent = PoolIntentResolver.Resolve(pool, settings);
        DateTimeOffset? renewAt = null;
        PoolPlan plan;
        if (intent.Role == PoolRole.Ignored)
        {
            plan = PoolPlan.Ignored(intent);
        }
        else
        {
            var facts = await GatherAsync(pool, intent, cancellationToken).ConfigureAwait(false);
            renewAt = facts.RenewAt;
            plan = PoolPlanner.Plan(pool, facts.Facts, settings);
        }

        var changes = await ApplyAsync(pool, plan, cancellationToken).ConfigureAwait(false);
        var conflicts = changes.Where(c => c.Kind == ChildChangeKind.Conflict).ToList();
        if (conflicts.Count > 0 && plan.ResolvedRefs.IsTrue)
        {
            plan = plan with { ResolvedRefs = ConditionPlan.False(InferencePoolConditions.ReasonInvalidExtensionRef, string.Join("; ", conflicts.Select(c => c.Detail))) };
        }

        var previous = status.PreviousConditions(pool.Object);
        var previousAccepted = previous?.FirstOrDefault(c => c.Type == InferencePoolConditions.Accepted);
        var previousResolved = previous?.FirstOrDefault(c => c.Type == InferencePoolConditions.ResolvedRefs);
        var wrote = await status.WriteAsync(pool.Object, intent.Role == PoolRole.Ignored ? null : plan, cancellationToken).ConfigureAwait(false);
        roles.Set(pool.Key, intent.Role);
        await RecordAsync(pool, plan, changes, wrote, previousAccepted, previousResolved, cancellationToken).ConfigureAwait(false);

        if (intent.Role == PoolRole.Ignored) return ReconcileResult.Done;
        var next = settings.ResyncPeriod;
        if (!plan.ResolvedRefs.IsTrue) next = settings.UnresolvedRetry;
        var untilRenewal = renewAt - time.GetUtcNow();
        if (untilRenewal < next) next = untilRenewal > TimeSpan.FromSeconds(1) ? untilRenewal.Value : TimeSpan.FromSeconds(1);
        return ReconcileResult.Requeue(next);
    }

    /// <summary>After the pool is gone: children in other namespaces (owner references cannot reach them) are deleted.</summary>
    public async Task CleanUpAsync(InferencePoolView pool, CancellationToken cancellationToken)
    {
        roles.Remove(pool.Key);
        if (pool.Uid.Length == 0) return;
        foreach (var kind in children.Kinds)
        {
            foreach (var child in kind.OwnedBy(pool.Uid).Where(c => c.Metadata.Namespace != pool.Namespace))
            {
                await DeleteQuietlyAsync(kind, child, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<ChildChange>> ApplyAsync(InferencePoolView pool, PoolPlan plan, CancellationToken cancellationToken)
    {
        var changes = new List<ChildChange>();
        var wanted = new HashSet<(Type, string, string)>();
        foreach (var child in plan.Children)
        {
            var kind = children.For(child.GetType()) ?? throw new InvalidOperationException($"no child handler for {child.GetType().Name}");
            wanted.Add((child.GetType(), child.Metadata.Namespace ?? "", child.Metadata.Name ?? ""));
            changes.Add(await kind.ApplyAsync(child, pool.Uid, cancellationToken).ConfigureAwait(false));
        }

        if (pool.Uid.Length == 0) return changes;
        foreach (var kind in children.Kinds)
        {
            foreach (var existing in kind.OwnedBy(pool.Uid))
            {
                if (wanted.Contains((kind.ClrType, existing.Metadata.Namespace ?? "", existing.Metadata.Name ?? ""))) continue;
                if (await DeleteQuietlyAsync(kind, existing, cancellationToken).ConfigureAwait(false) is { } deleted) changes.Add(deleted);
            }
        }

        return changes;
    }

    private static async Task<ChildChange?> DeleteQuietlyAsync(IChildKind kind, IKubernetesObject child, CancellationToken cancellationToken)
    {
        try
        {
            return await kind.DeleteAsync(child, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Already gone, or replaced by a newer object (UID precondition): nothing of ours to delete.
            return null;
        }
    }

    private async Task<(PoolFacts Facts, DateTimeOffset? RenewAt)> GatherAsync(InferencePoolView pool, PoolIntent intent, CancellationToken cancellationToken)
    {
        var service = await FindServiceAsync(pool, intent.EppServiceName, cancellationToken).ConfigureAwait(false);
        string? configHash = null;
        var missingKey = false;
        if (intent.EppConfig is { } reference && await client.GetAsync<ConfigMap>(reference.Name, pool.Namespace, cancellationToken).ConfigureAwait(false) is { } configMap)
        {
            configHash = ContentHash.Of(configMap.Data ?? []);
            missingKey = configMap.Data?.ContainsKey(reference.Key) != true;
        }

        Secret? tls = null;
        string? caPem = null;
        DateTimeOffset? renewAt = null;
        if (intent.Role == PoolRole.ManagedEpp && settings.SecureServing && intent.ReferenceProblem is null)
        {
            var (ca, pem) = await authority.GetAsync(cancellationToken).ConfigureAwait(false);
            var existing = children.Of<Secret>().Get(pool.Namespace, ChildNames.EppTls(pool.Name)) as Secret;
            var (secret, renew, issued) = EppCertificateIssuer.Ensure(pool, intent.EppServiceName, ca, existing, settings, time.GetUtcNow());
            if (issued) OperatorLog.CertificateIssued(logger, pool.Key, renew);
            (tls, caPem, renewAt) = (secret, pem, renew);
        }

        return (new PoolFacts
        {
            EppService = service,
            EppTlsSecret = tls,
            CaCertificatePem = caPem,
            Routes = routes?.List() ?? [],
            UserEppConfigHash = configHash,
            UserEppConfigMissingKey = missingKey,
            Support = capabilities.Support,
        }, renewAt);
    }

    private async Task<ServiceFacts?> FindServiceAsync(InferencePoolView pool, string name, CancellationToken cancellationToken)
    {
        if (children.Of<Service>().Get(pool.Namespace, name) is Service ours && ours.Metadata.Labels?.GetValueOrDefault(OperatorConstants.PoolUidLabel) == pool.Uid)
        {
            return ServiceFacts.Of(ours, managedForPool: true);
        }

        var found = await client.GetAsync<Service>(name, pool.Namespace, cancellationToken).ConfigureAwait(false);
        if (found is null) return null;
        return ServiceFacts.Of(found, managedForPool: found.Metadata.Labels?.GetValueOrDefault(OperatorConstants.PoolUidLabel) == pool.Uid && pool.Uid.Length > 0);
    }

    private async Task RecordAsync(InferencePoolView pool, PoolPlan plan, List<ChildChange> changes, bool statusWritten, Condition? previousAccepted, Condition? previousResolved, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            metrics?.Record(change);
            switch (change.Kind)
            {
                case ChildChangeKind.Created or ChildChangeKind.Updated or ChildChangeKind.Deleted:
                    var verb = change.Kind.ToString();
                    await events.NormalAsync(pool.Object, verb, $"{verb} {change.Description}", cancellationToken).ConfigureAwait(false);
                    OperatorLog.ChildChanged(logger, pool.Key, verb, change.Description);
                    break;
                case ChildChangeKind.Conflict:
                    await events.WarningAsync(pool.Object, "ChildConflict", change.Detail ?? change.Description, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (!statusWritten || plan.Intent.Role == PoolRole.Ignored) return;
        await RecordConditionAsync(pool, InferencePoolConditions.Accepted, plan.Accepted, previousAccepted, cancellationToken).ConfigureAwait(false);
        await RecordConditionAsync(pool, InferencePoolConditions.ResolvedRefs, plan.ResolvedRefs, previousResolved, cancellationToken).ConfigureAwait(false);
        if (previousAccepted is null)
        {
            foreach (var warning in plan.Warnings) await events.WarningAsync(pool.Object, "DataPlaneWarning", warning, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordConditionAsync(InferencePoolView pool, string type, ConditionPlan plan, Condition? previous, CancellationToken cancellationToken)
    {
        if (await ConditionEvents.RecordAsync(events, pool.Object, type, plan, previous, cancellationToken).ConfigureAwait(false))
        {
            OperatorLog.ConditionChanged(logger, pool.Key, type, plan.Status, plan.Reason, plan.Message);
        }
    }
}
