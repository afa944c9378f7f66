using System.Globalization;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// Deletion (finalizers, graceful pod termination, propagation policies) and the garbage collector
/// (owner references, foreground and orphan deletion, namespace and CRD cleanup).
/// </summary>
internal sealed partial class ObjectStore
{
    private const string ForegroundFinalizer = "foregroundDeletion";
    private const string OrphanFinalizer = "orphan";
    private int _gcRequested;

    /// <summary>
    /// Deletes an object. Returns it (with deletionTimestamp) when finalizers or graceful termination keep
    /// it; returns null when it is gone.
    /// </summary>
    public JsonObject? Delete(ResourceDefinition definition, string? ns, string name, DeleteRequest request)
    {
        lock (_lock)
        {
            var key = KeyOf(definition, ns, name);
            if (!_objects.TryGetValue(key, out var entry)) throw ApiError.NotFound(definition, name);
            var existing = entry.Object;
            if (request.PreconditionUid is { Length: > 0 } uid && uid != Meta.Uid(existing))
            {
                throw ApiError.Conflict(definition, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(existing)}");
            }

            if (request.PreconditionResourceVersion is { Length: > 0 } rv && rv != Meta.ResourceVersion(existing))
            {
                throw ApiError.Conflict(definition, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(existing)}");
            }

            if (request.DryRun) return Render(definition, existing);
            return DeleteLocked(definition, key, existing, request.PropagationPolicy, request.GracePeriodSeconds);
        }
    }

    /// <summary>Finishes graceful termination of a pod (what the kubelet does once containers stopped).</summary>
    public bool CompletePodTermination(ResourceDefinition pods, string ns, string name)
    {
        lock (_lock)
        {
            var key = KeyOf(pods, ns, name);
            if (!_objects.TryGetValue(key, out var entry) || !Meta.IsDeleting(entry.Object)) return false;
            DeleteLocked(pods, key, entry.Object, null, 0);
            return true;
        }
    }

    /// <summary>Runs garbage collection until nothing changes (the fixture's garbage collector and namespace controller).</summary>
    public void CollectGarbage()
    {
        Interlocked.Exchange(ref _gcRequested, 0);
        lock (_lock)
        {
            for (var pass = 0; pass < 100 && CollectOnce(); pass++)
            {
            }
        }
    }

    private JsonObject? DeleteLocked(ResourceDefinition definition, ObjectKey key, JsonObject existing, string? propagation, long? gracePeriodSeconds)
    {
        var updated = Clone(existing);
        var meta = Meta.Of(updated);
        var finalizers = Meta.Finalizers(updated);
        if (propagation == "Foreground" && !finalizers.Contains(ForegroundFinalizer)) finalizers.Add(ForegroundFinalizer);
        if (propagation == "Orphan" && !finalizers.Contains(OrphanFinalizer)) finalizers.Add(OrphanFinalizer);
        var grace = GracePeriod(definition, updated, gracePeriodSeconds);
        var namespaceWithContents = definition.Plural == "namespaces" && definition.Group.Length == 0
            && _objects.Any(p => p.Key.Namespace == key.Name && p.Value.Definition.Namespaced);
        if (finalizers.Count > 0 || grace > 0 || namespaceWithContents)
        {
            if (namespaceWithContents) updated["status"] = new JsonObject { ["phase"] = "Terminating" };
            var alreadyDeleting = Meta.IsDeleting(existing);
            if (!alreadyDeleting || grace < (SchemaValidator.ToDouble(meta["deletionGracePeriodSeconds"]) ?? 0))
            {
                meta["deletionTimestamp"] = Meta.Timestamp(_time.GetUtcNow().AddSeconds(grace));
                meta["deletionGracePeriodSeconds"] = grace;
                if (!alreadyDeleting && TracksGeneration(definition)) meta["generation"] = Meta.Generation(existing) + 1;
            }

            Meta.SetFinalizers(updated, finalizers);
            if (!JsonNode.DeepEquals(updated, existing)) Commit(key, definition, updated, "MODIFIED", existing);
            if (grace > 0 && definition.Plural == "pods") ScheduleTermination(definition, key, grace);
            if (namespaceWithContents || finalizers.Contains(ForegroundFinalizer) || finalizers.Contains(OrphanFinalizer)) RequestGarbageCollection();
            return Render(definition, updated);
        }

        Commit(key, definition, updated, "DELETED", existing);
        OnDeleted(definition, updated);
        return null;
    }

    /// <summary>Graceful deletion applies to scheduled pods only; other objects are deleted at once.</summary>
    private static long GracePeriod(ResourceDefinition definition, JsonObject obj, long? requested)
    {
        if (definition.Plural != "pods" || definition.Group.Length > 0) return 0;
        if (obj["spec"]?["nodeName"] is not JsonValue node || node.ToString().Length == 0) return 0;
        if (requested is { } grace) return Math.Max(0, grace);
        return SchemaValidator.ToDouble(obj["spec"]?["terminationGracePeriodSeconds"]) is { } specGrace ? (long)specGrace : 30;
    }

    private void ScheduleTermination(ResourceDefinition pods, ObjectKey key, long graceSeconds)
    {
        if (_options.PodTerminationDelay is not { } cap) return;
        var delay = TimeSpan.FromSeconds(graceSeconds) < cap ? TimeSpan.FromSeconds(graceSeconds) : cap;
        var uid = _objects.TryGetValue(key, out var entry) ? Meta.Uid(entry.Object) : null;
        _ = Task.Delay(delay, _time).ContinueWith(
            _ =>
            {
                lock (_lock)
                {
                    if (_objects.TryGetValue(key, out var current) && Meta.Uid(current.Object) == uid && Meta.IsDeleting(current.Object))
                    {
                        DeleteLocked(pods, key, current.Object, null, 0);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    /// <summary>Side effects of an object leaving the store.</summary>
    private void OnDeleted(ResourceDefinition definition, JsonObject deleted)
    {
        if (definition.Plural == "customresourcedefinitions" && definition.Group == "apiextensions.k8s.io")
        {
            foreach (var removed in _registry.UnregisterCrd(Meta.Name(deleted)).GroupBy(d => d.StorageKey))
            {
                var definitionOfGroup = removed.First();
                foreach (var (key, entry) in _objects.Where(p => p.Key.StorageKey == removed.Key).ToList())
                {
                    Commit(key, entry.Definition, Clone(entry.Object), "DELETED", entry.Object);
                }

                foreach (var watcher in _watchers.Where(w => w.Definition.StorageKey == definitionOfGroup.StorageKey).ToList())
                {
                    watcher.Close();
                    _watchers.Remove(watcher);
                }
            }
        }

        RequestGarbageCollection();
    }

    private void RequestGarbageCollection()
    {
        if (Interlocked.Exchange(ref _gcRequested, 1) == 1) return;
        // Asynchronous like the real collector, but prompt: tests poll for the outcome.
        _ = Task.Run(CollectGarbage);
    }

    /// <summary>One pass over all objects; returns true when it changed anything.</summary>
    private bool CollectOnce()
    {
        var changed = false;
        var byUid = new Dictionary<string, (ObjectKey Key, StoredEntry Entry)>(StringComparer.Ordinal);
        foreach (var (key, entry) in _objects)
        {
            if (Meta.Uid(entry.Object) is { } uid) byUid[uid] = (key, entry);
        }

        foreach (var (key, entry) in _objects.ToList())
        {
            if (!_objects.TryGetValue(key, out var current) || !ReferenceEquals(current, entry)) continue;
            var obj = entry.Object;

            // Namespace controller: a deleting namespace empties itself, then goes.
            if (entry.Definition.Plural == "namespaces" && entry.Definition.Group.Length == 0 && Meta.IsDeleting(obj))
            {
                var contents = _objects.Where(p => p.Key.Namespace == key.Name && p.Value.Definition.Namespaced).ToList();
                foreach (var (childKey, child) in contents.Where(c => !Meta.IsDeleting(c.Value.Object)))
                {
                    DeleteLocked(child.Definition, childKey, child.Object, "Background", 0);
                    changed = true;
                }

                if (contents.Count == 0 && Meta.Finalizers(obj).Count == 0)
                {
                    Commit(key, entry.Definition, Clone(obj), "DELETED", obj);
                    changed = true;
                }

                continue;
            }

            // Orphan and foreground finalizers on a deleting owner.
            if (Meta.IsDeleting(obj))
            {
                var finalizers = Meta.Finalizers(obj);
                var uid = Meta.Uid(obj);
                var dependents = _objects.Where(p => ReferencesOwner(p.Value.Object, uid)).ToList();
                if (finalizers.Contains(OrphanFinalizer))
                {
                    foreach (var (depKey, dependent) in dependents)
                    {
                        var orphaned = Clone(dependent.Object);
                        RemoveOwnerReference(orphaned, uid);
                        Commit(depKey, dependent.Definition, orphaned, "MODIFIED", dependent.Object);
                    }

                    changed |= RemoveFinalizer(key, entry, OrphanFinalizer);
                    continue;
                }

                if (finalizers.Contains(ForegroundFinalizer))
                {
                    foreach (var (depKey, dependent) in dependents.Where(d => !Meta.IsDeleting(d.Value.Object)))
                    {
                        DeleteLocked(dependent.Definition, depKey, dependent.Object, "Foreground", 0);
                        changed = true;
                    }

                    if (!dependents.Any(d => _objects.ContainsKey(d.Key) && BlocksOwner(d.Value.Object, uid)))
                    {
                        changed |= RemoveFinalizer(key, entry, ForegroundFinalizer);
                    }

                    continue;
                }
            }

            // Dependents whose owners are all gone are deleted; dangling references to some owners are dropped.
            if (Meta.OwnerReferences(obj) is not { Count: > 0 } references) continue;
            var absent = new List<string>();
            foreach (var reference in references.OfType<JsonObject>())
            {
                var ownerUid = reference["uid"]?.GetValue<string>() ?? "";
                if (!byUid.TryGetValue(ownerUid, out var owner) || !OwnerVisible(entry.Definition, key, owner.Entry.Definition, owner.Key))
                {
                    absent.Add(ownerUid);
                }
            }

            if (absent.Count == references.Count)
            {
                if (!Meta.IsDeleting(obj))
                {
                    DeleteLocked(entry.Definition, key, obj, "Background", 0);
                    changed = true;
                }
            }
            else if (absent.Count > 0)
            {
                var trimmed = Clone(obj);
                foreach (var ownerUid in absent) RemoveOwnerReference(trimmed, ownerUid);
                Commit(key, entry.Definition, trimmed, "MODIFIED", obj);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Namespaced dependents may only have owners in their namespace or cluster-scoped ones; others count as absent.</summary>
    private static bool OwnerVisible(ResourceDefinition dependentDefinition, ObjectKey dependent, ResourceDefinition ownerDefinition, ObjectKey owner)
    {
        if (!ownerDefinition.Namespaced) return true;
        return dependentDefinition.Namespaced && owner.Namespace == dependent.Namespace;
    }

    private bool RemoveFinalizer(ObjectKey key, StoredEntry entry, string finalizer)
    {
        var updated = Clone(entry.Object);
        var remaining = Meta.Finalizers(updated).Where(f => f != finalizer).ToList();
        Meta.SetFinalizers(updated, remaining);
        if (remaining.Count == 0 && Meta.IsDeleting(updated))
        {
            Commit(key, entry.Definition, updated, "DELETED", entry.Object);
            OnDeleted(entry.Definition, updated);
        }
        else
        {
            Commit(key, entry.Definition, updated, "MODIFIED", entry.Object);
        }

        return true;
    }

    private static bool ReferencesOwner(JsonObject obj, string? uid) =>
        uid is not null && Meta.OwnerReferences(obj) is { } references && references.OfType<JsonObject>().Any(r => r["uid"]?.GetValue<string>() == uid);

    private static bool BlocksOwner(JsonObject obj, string? uid) =>
        uid is not null && Meta.OwnerReferences(obj) is { } references
        && references.OfType<JsonObject>().Any(r => r["uid"]?.GetValue<string>() == uid && r["blockOwnerDeletion"]?.GetValue<bool>() == true);

    private static void RemoveOwnerReference(JsonObject obj, string? uid)
    {
        if (Meta.OwnerReferences(obj) is not { } references) return;
        foreach (var reference in references.OfType<JsonObject>().Where(r => r["uid"]?.GetValue<string>() == uid).ToList())
        {
            references.Remove(reference);
        }

        if (references.Count == 0) Meta.Of(obj).Remove("ownerReferences");
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
