using System.Collections.Concurrent;

namespace EppOperator.Epp.Requests;

/// <summary>
/// The objectives of this EPP's pool, by name. Fed by the standalone manifest file or by the Kubernetes
/// watch of InferenceObjective objects; read per request without locking.
/// </summary>
internal sealed class InferenceObjectiveStore
{
    private readonly ConcurrentDictionary<string, InferenceObjective> _byName = new(StringComparer.Ordinal);

    public int Count => _byName.Count;

    public void Upsert(InferenceObjective objective) => _byName[objective.Name] = objective;

    public bool Remove(string name) => _byName.TryRemove(name, out _);

    public void ReplaceAll(IEnumerable<InferenceObjective> objectives)
    {
        var wanted = objectives.ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var name in _byName.Keys)
        {
            if (!wanted.ContainsKey(name)) _byName.TryRemove(name, out _);
        }

        foreach (var objective in wanted.Values) _byName[objective.Name] = objective;
    }

    /// <summary>The priority for a request naming <paramref name="objectiveName"/>; 0 when unknown or unset.</summary>
    public int PriorityOf(string? objectiveName) =>
        objectiveName is not null && _byName.TryGetValue(objectiveName, out var objective) ? objective.Priority ?? 0 : 0;

    public bool TryGet(string name, out InferenceObjective? objective) => _byName.TryGetValue(name, out objective);
}
