using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// The fixture's etcd and registry in one: objects as JSON, one monotonic resourceVersion for every
/// commit, a bounded event history that watches resume from (older versions get 410 Expired), chunked
/// list snapshots, and the write semantics of the real API server (see the partial files for writes,
/// deletes and garbage collection). Every mutation holds one lock, so the commit order is total.
/// </summary>
internal sealed partial class ObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, StoredEntry> _objects = [];
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly Dictionary<string, ListSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ResourceRegistry _registry;
    private readonly KubeApiServerOptions _options;
    private readonly TimeProvider _time;
    private long _resourceVersion;
    private long _compactedRevision;
    private int _snapshotCounter;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObjectStore(ResourceRegistry registry, KubeApiServerOptions options)
    {
        _registry = registry;
        _options = options;
        _time = options.TimeProvider;
        _resourceVersion = options.InitialResourceVersion;
        _compactedRevision = options.InitialResourceVersion;
    }

    public ResourceRegistry Registry => _registry;

    public long CurrentResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Completes at the next commit; lets helpers wait for a condition without polling on a timer.</summary>
    public Task NextChange
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public JsonObject Get(ResourceDefinition definition, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(KeyOf(definition, ns, name), out var entry)
                ? Render(definition, entry.Object)
                : throw ApiError.NotFound(definition, name);
        }
    }

    public JsonObject? TryGet(ResourceDefinition definition, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(KeyOf(definition, ns, name), out var entry) ? Render(definition, entry.Object) : null;
        }
    }

    /// <summary>A LIST, optionally chunked: the first page snapshots the full result so later pages are consistent.</summary>
    public ListResult List(ResourceDefinition definition, string? ns, LabelSelector labels, FieldSelector fields, int? limit, string? continueToken)
    {
        lock (_lock)
        {
            ListSnapshot snapshot;
            var offset = 0;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (snapshot, offset) = ResolveContinue(continueToken);
            }
            else
            {
                var items = _objects
                    .Where(p => p.Key.StorageKey == definition.StorageKey && (ns is null || p.Key.Namespace == ns))
                    .OrderBy(p => p.Key)
                    .Select(p => p.Value.Object)
                    .Where(o => labels.Matches(Meta.Labels(o)) && fields.Matches(o))
                    .Select(o => Render(definition, o))
                    .ToList();
                snapshot = new ListSnapshot($"s{++_snapshotCounter}", _resourceVersion, items);
            }

            if (limit is not > 0 || offset + limit >= snapshot.Items.Count)
            {
                _snapshots.Remove(snapshot.Id);
                return new ListResult(snapshot.Items.Skip(offset).Select(Clone).ToList(), snapshot.ResourceVersion, null, null);
            }

            _snapshots[snapshot.Id] = snapshot;
            TrimSnapshots();
            var next = offset + limit.Value;
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{snapshot.Id}|{next}|{snapshot.ResourceVersion}"));
            return new ListResult(snapshot.Items.Skip(offset).Take(limit.Value).Select(Clone).ToList(), snapshot.ResourceVersion, token, snapshot.Items.Count - next);
        }
    }

    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") it first sends ADDED for every matching object;
    /// with one it replays history after it, or sends a 410 Expired ERROR when history no longer reaches back.
    /// </summary>
    public WatchSubscription Watch(ResourceDefinition definition, string? ns, LabelSelector labels, FieldSelector fields, string? resourceVersion, bool allowBookmarks, bool sendInitialEvents)
    {
        var subscription = new WatchSubscription(definition, ns, labels, fields, allowBookmarks);
        lock (_lock)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0" || sendInitialEvents)
            {
                foreach (var (key, entry) in _objects.OrderBy(p => p.Key))
                {
                    if (key.StorageKey == definition.StorageKey && subscription.Matches(entry.Object))
                    {
                        subscription.Write("ADDED", Render(definition, entry.Object));
                    }
                }

                if (sendInitialEvents)
                {
                    var bookmark = BookmarkObject(definition);
                    Meta.Of(bookmark)["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                    subscription.Write("BOOKMARK", bookmark);
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiError.BadRequest($"invalid resource version: {resourceVersion}");
                }

                if (from < _compactedRevision)
                {
                    subscription.Write("ERROR", StatusObjects.Failure(410, "Expired", $"too old resource version: {from} ({_compactedRevision})"));
                    subscription.Close();
                    return subscription;
                }

                foreach (var storeEvent in _history)
                {
                    if (storeEvent.ResourceVersion > from) Deliver(subscription, storeEvent);
                }
            }

            _watchers.Add(subscription);
        }

        return subscription;
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _watchers.Remove(subscription);
        }
    }

    /// <summary>Queues a BOOKMARK carrying the current resourceVersion; everything before it is already queued.</summary>
    public void SendBookmark(WatchSubscription subscription)
    {
        lock (_lock)
        {
            subscription.Write("BOOKMARK", BookmarkObject(subscription.Definition));
        }
    }

    /// <summary>Drops the event history and list snapshots: watches and continue tokens from before now get 410.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedRevision = _resourceVersion;
            _history.Clear();
            _snapshots.Clear();
        }
    }

    /// <summary>Applies an action to open watches of a resource (all when <paramref name="storageKey"/> is null).</summary>
    public int ForEachWatch(string? storageKey, Action<WatchSubscription> action, bool remove)
    {
        lock (_lock)
        {
            var selected = _watchers.Where(w => storageKey is null || w.Definition.StorageKey == storageKey).ToList();
            foreach (var watcher in selected)
            {
                action(watcher);
                if (remove) _watchers.Remove(watcher);
            }

            return selected.Count;
        }
    }

    public long CompactedRevision
    {
        get
        {
            lock (_lock)
            {
                return _compactedRevision;
            }
        }
    }

    /// <summary>Every stored object of a resource, rendered (for assertions and dumps).</summary>
    public IReadOnlyList<JsonObject> Snapshot(ResourceDefinition definition)
    {
        lock (_lock)
        {
            return _objects.Where(p => p.Key.StorageKey == definition.StorageKey).OrderBy(p => p.Key).Select(p => Render(definition, p.Value.Object)).ToList();
        }
    }

    private static ObjectKey KeyOf(ResourceDefinition definition, string? ns, string name) =>
        new(definition.StorageKey, definition.Namespaced ? ns ?? "" : "", name);

    private static JsonObject Clone(JsonObject obj) => (JsonObject)obj.DeepClone();

    /// <summary>Copies an object with apiVersion and kind of the requested version first, as the server serialises it.</summary>
    private static JsonObject Render(ResourceDefinition definition, JsonObject stored)
    {
        var result = new JsonObject { ["apiVersion"] = definition.ApiVersion, ["kind"] = definition.Kind };
        foreach (var (key, value) in stored)
        {
            if (key is "apiVersion" or "kind") continue;
            result[key] = value?.DeepClone();
        }

        return result;
    }

    private JsonObject BookmarkObject(ResourceDefinition definition) => new()
    {
        ["kind"] = definition.Kind,
        ["apiVersion"] = definition.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>Stores (or removes, for DELETED) an object under a new resourceVersion and notifies watches.</summary>
    private JsonObject Commit(ObjectKey key, ResourceDefinition definition, JsonObject obj, string type, JsonObject? old)
    {
        _resourceVersion++;
        Meta.Of(obj)["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        if (type == "DELETED") _objects.Remove(key);
        else _objects[key] = new StoredEntry(definition, obj);
        var storeEvent = new StoreEvent(_resourceVersion, type, key, definition, Clone(obj), old is null ? null : Clone(old));
        _history.AddLast(storeEvent);
        while (_history.Count > _options.HistoryCapacity)
        {
            _compactedRevision = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        foreach (var watcher in _watchers) Deliver(watcher, storeEvent);
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
        return obj;
    }

    /// <summary>
    /// Sends an event to one watch, translated through its selectors as the server does: an object that
    /// starts matching arrives as ADDED, one that stops matching as DELETED.
    /// </summary>
    private static void Deliver(WatchSubscription watcher, StoreEvent storeEvent)
    {
        if (watcher.Definition.StorageKey != storeEvent.Key.StorageKey) return;
        var nowMatches = watcher.Matches(storeEvent.Object);
        var type = storeEvent.Type;
        if (type == "MODIFIED")
        {
            var matchedBefore = storeEvent.Old is not null && watcher.Matches(storeEvent.Old);
            type = (matchedBefore, nowMatches) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => "",
            };
        }
        else if (!nowMatches)
        {
            type = "";
        }

        if (type.Length > 0) watcher.Write(type, Render(watcher.Definition, storeEvent.Object));
    }

    private (ListSnapshot Snapshot, int Offset) ResolveContinue(string token)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest("continue key is not valid: illegal base64 data");
        }

        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var offset))
        {
            throw ApiError.BadRequest("continue key is not valid: incorrect encoded start resourceVersion");
        }

        if (!_snapshots.TryGetValue(parts[0], out var snapshot))
        {
            throw ApiError.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
        }

        return (snapshot, offset);
    }

    private void TrimSnapshots()
    {
        while (_snapshots.Count > 64)
        {
            _snapshots.Remove(_snapshots.Keys.First());
        }
    }

    private sealed record StoredEntry(ResourceDefinition Definition, JsonObject Object);

    private sealed record ListSnapshot(string Id, long ResourceVersion, List<JsonObject> Items);
}
