using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EppOperator.Kube.Client;
using EppOperator.Kube.Informers;
using Microsoft.Extensions.Logging;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// <see cref="IChildKind"/> for <typeparamref name="T"/>. A desired child carries a hash of its own content in an
/// annotation; the cached object is rewritten only when that hash differs or a desired field drifted (someone edited
/// the child), so a steady state costs no writes. Writes are server-side apply with the operator's field manager;
/// a child that does not exist yet is created with POST, so an unrelated object of the same name is detected
/// (AlreadyExists) instead of taken over.
/// </summary>
internal sealed class ChildKind<T> : IChildKind
    where T : class, IKubernetesEntity<T>
{
    public const string PoolUidIndex = "pool-uid";

    private readonly KubernetesClient _client;
    private readonly ILogger _logger;
    private readonly Informer<T> _informer;

    // What this process last wrote per child, so a cache that has not yet seen the write is not mistaken for drift.
    private readonly ConcurrentDictionary<NamespacedName, (string Hash, string? ResourceVersion)> _written = new();

    public ChildKind(KubernetesClient client, InformerOptions options, ILogger logger, Action<T> onChange)
    {
        _client = client;
        _logger = logger;
        _informer = new Informer<T>(client, options with { LabelSelector = $"{OperatorConstants.ManagedByLabel}={OperatorConstants.ManagedByValue}" }, logger);
        _informer.Cache.AddIndex(PoolUidIndex, o => o.Metadata.Labels?.GetValueOrDefault(OperatorConstants.PoolUidLabel) is { Length: > 0 } uid ? [uid] : []);
        _informer.AddHandler(e => onChange(e.Object));
    }

    public Type ClrType => typeof(T);

    public Task RunAsync(CancellationToken cancellationToken) => _informer.RunAsync(cancellationToken);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _informer.WaitForSyncAsync(cancellationToken);

    public IReadOnlyList<IKubernetesObject> OwnedBy(string poolUid) => _informer.Cache.ByIndex(PoolUidIndex, poolUid);

    public IReadOnlyList<IKubernetesObject> All() => _informer.Cache.List();

    public IKubernetesObject? Get(string ns, string name) => _informer.Cache.Get(ns, name);

    public async Task<ChildChange> ApplyAsync(IKubernetesObject desired, string poolUid, CancellationToken cancellationToken)
    {
        var child = (T)desired;
        var key = NamespacedName.Of(child);
        var description = Describe(key);
        var annotations = child.Metadata.Annotations ??= [];
        annotations.Remove(OperatorConstants.SpecHashAnnotation);
        var hash = Planning.ContentHash.Of(JsonSerializer.Serialize(child, T.JsonTypeInfo));
        annotations[OperatorConstants.SpecHashAnnotation] = hash;

        var existing = _informer.Cache.Get(key);
        if (existing is not null)
        {
            if (!BelongsTo(existing, poolUid)) return Change(ChildChangeKind.Conflict, description, $"{description} belongs to another pool");
            return await UpdateAsync(existing, child, key, hash, description, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var created = await _client.CreateAsync(child, cancellationToken).ConfigureAwait(false);
            _written[key] = (hash, created.Metadata.ResourceVersion);
            return Change(ChildChangeKind.Created, description);
        }
        catch (KubernetesException ex) when (ex.IsAlreadyExists)
        {
            // Either the cache lags behind our own earlier create, or someone else's object holds the name.
            var found = await _client.GetAsync<T>(key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
            if (found is null || !BelongsTo(found, poolUid) || found.Metadata.Labels?.GetValueOrDefault(OperatorConstants.ManagedByLabel) != OperatorConstants.ManagedByValue)
            {
                return Change(ChildChangeKind.Conflict, description, $"{description} already exists and is not managed by epp-operator for this pool");
            }

            return await UpdateAsync(found, child, key, hash, description, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ChildChange> DeleteAsync(IKubernetesObject existing, CancellationToken cancellationToken)
    {
        var key = NamespacedName.Of(existing);
        await _client.DeleteAsync<T>(key.Name, key.Namespace, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background, PreconditionUid = existing.Metadata.Uid }, cancellationToken).ConfigureAwait(false);
        _written.TryRemove(key, out _);
        return Change(ChildChangeKind.Deleted, Describe(key));
    }

    /// <summary>Rewrites an existing child of this pool unless it already matches.</summary>
    private async Task<ChildChange> UpdateAsync(T existing, T desired, NamespacedName key, string hash, string description, CancellationToken cancellationToken)
    {
        if (IsCurrent(existing, desired, hash)) return Change(ChildChangeKind.Unchanged, description);
        await WriteAsync(desired, key, hash, cancellationToken).ConfigureAwait(false);
        return Change(ChildChangeKind.Updated, description);
    }

    private async Task WriteAsync(T child, NamespacedName key, string hash, CancellationToken cancellationToken)
    {
        var applied = await _client.ApplyAsync(child, OperatorConstants.FieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        _written[key] = (hash, applied.Metadata.ResourceVersion);
        OperatorLog.ChildWritten(_logger, T.EntityType.Kind, key);
    }

    private bool IsCurrent(T existing, T desired, string hash)
    {
        var key = NamespacedName.Of(existing);
        var existingHash = existing.Metadata.Annotations?.GetValueOrDefault(OperatorConstants.SpecHashAnnotation);
        if (existingHash != hash)
        {
            // The cache may still show the version before our own write of this very content.
            return _written.TryGetValue(key, out var written) && written.Hash == hash && written.ResourceVersion != existing.Metadata.ResourceVersion;
        }

        // Same hash: rewrite only if someone changed a field we set.
        return JsonSubset.Contains(JsonSerializer.SerializeToNode(existing, T.JsonTypeInfo), JsonSerializer.SerializeToNode(desired, T.JsonTypeInfo));
    }

    private static ChildChange Change(ChildChangeKind kind, string description, string? detail = null) => new(kind, T.EntityType.Kind, description, detail);

    private static bool BelongsTo(IKubernetesObject obj, string poolUid) =>
        poolUid.Length == 0 || obj.Metadata.Labels?.GetValueOrDefault(OperatorConstants.PoolUidLabel) == poolUid;

    private static string Describe(NamespacedName key) => $"{T.EntityType.Kind} {key}";
}
