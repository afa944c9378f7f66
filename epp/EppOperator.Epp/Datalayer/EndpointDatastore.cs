using System.Collections.Immutable;

namespace EppOperator.Epp.Datalayer;

/// <summary>
/// The pool's endpoint set. Writers (the static list, the Kubernetes pod watcher) serialise on a lock and
/// publish a fresh <see cref="EndpointSnapshot"/>; readers take <see cref="Current"/> with one volatile read.
/// </summary>
internal sealed class EndpointDatastore
{
    private readonly Lock _writeLock = new();
    private EndpointSnapshot _current = EndpointSnapshot.Empty;
    private volatile bool _synced;

    public EndpointSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// True while a complete endpoint list is applied: from the first <see cref="ReplaceAll"/> until <see cref="Clear"/>
    /// (readiness depends on it).
    /// </summary>
    public bool IsSynced => _synced;

    /// <summary>Raised after a new snapshot is published, outside the write lock.</summary>
    public event Action<EndpointSnapshot>? Changed;

    /// <summary>Makes the endpoint set exactly <paramref name="specs"/>; unchanged endpoints keep their state.</summary>
    public void ReplaceAll(IEnumerable<EndpointSpec> specs)
    {
        EndpointSnapshot published;
        lock (_writeLock)
        {
            var existing = _current.Endpoints.ToDictionary(e => e.Name, StringComparer.Ordinal);
            var builder = ImmutableArray.CreateBuilder<Endpoint>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var spec in specs)
            {
                if (!seen.Add(spec.Name)) continue;
                builder.Add(existing.TryGetValue(spec.Name, out var endpoint) && endpoint.Spec.Equals(spec) ? endpoint : new Endpoint(spec));
            }

            published = Publish(builder.ToImmutable());
            _synced = true;
        }

        Changed?.Invoke(published);
    }

    /// <summary>Adds the endpoint, or replaces it when its spec changed.</summary>
    public void Upsert(EndpointSpec spec)
    {
        EndpointSnapshot published;
        lock (_writeLock)
        {
            var endpoints = _current.Endpoints;
            var index = IndexOf(endpoints, spec.Name);
            if (index >= 0 && endpoints[index].Spec.Equals(spec)) return;
            published = Publish(index >= 0 ? endpoints.SetItem(index, new Endpoint(spec)) : endpoints.Add(new Endpoint(spec)));
        }

        Changed?.Invoke(published);
    }

    public bool Remove(string name)
    {
        EndpointSnapshot published;
        lock (_writeLock)
        {
            var endpoints = _current.Endpoints;
            var index = IndexOf(endpoints, name);
            if (index < 0) return false;
            published = Publish(endpoints.RemoveAt(index));
        }

        Changed?.Invoke(published);
        return true;
    }

    /// <summary>
    /// Drops every endpoint and returns to unsynced: the pool itself is gone, which is not the same as a pool with no
    /// Ready pods, so readiness drops until the next <see cref="ReplaceAll"/> (as GAIE's datastore does when its
    /// InferencePool is deleted).
    /// </summary>
    public void Clear()
    {
        EndpointSnapshot published;
        lock (_writeLock)
        {
            // Unsynced before the change is announced, so listeners see the new state with the empty snapshot.
            _synced = false;
            published = Publish([]);
        }

        Changed?.Invoke(published);
    }

    private EndpointSnapshot Publish(ImmutableArray<Endpoint> endpoints)
    {
        var snapshot = new EndpointSnapshot(endpoints, _current.Version + 1);
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    private static int IndexOf(ImmutableArray<Endpoint> endpoints, string name)
    {
        for (var i = 0; i < endpoints.Length; i++)
        {
            if (endpoints[i].Name == name) return i;
        }

        return -1;
    }
}
