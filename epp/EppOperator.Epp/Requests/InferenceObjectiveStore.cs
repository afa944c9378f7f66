using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace EppOperator.Epp.Requests;

/// <summary>
/// The objectives of this EPP's pool, by name, and the priorities legacy InferenceModels give their model names. Fed
/// by the standalone manifest file or by the Kubernetes watch; read per request without locking.
/// </summary>
internal sealed class InferenceObjectiveStore
{
    private readonly ConcurrentDictionary<string, InferenceObjective> _byName = new(StringComparer.Ordinal);
    private readonly Lock _modelsLock = new();
    private readonly Dictionary<(string Namespace, string Name), InferenceModelPriority> _models = [];
    private FrozenDictionary<string, int> _priorityByModel = FrozenDictionary<string, int>.Empty;

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

    /// <summary>
    /// The priority of a request: the objective its header names when that objective exists; otherwise the
    /// criticality of a legacy InferenceModel for <paramref name="modelName"/> (the body's model); otherwise 0.
    /// </summary>
    public int PriorityOf(string? objectiveName, string? modelName)
    {
        if (objectiveName is not null && _byName.TryGetValue(objectiveName, out var objective)) return objective.Priority ?? 0;
        return modelName is not null && Volatile.Read(ref _priorityByModel).TryGetValue(modelName, out var priority) ? priority : 0;
    }

    public int ModelCount => Volatile.Read(ref _priorityByModel).Count;

    public void UpsertModel(InferenceModelPriority model)
    {
        lock (_modelsLock)
        {
            _models[(model.Namespace, model.Name)] = model;
            RebuildModelsLocked();
        }
    }

    public bool RemoveModel(string ns, string name)
    {
        lock (_modelsLock)
        {
            if (!_models.Remove((ns, name))) return false;
            RebuildModelsLocked();
            return true;
        }
    }

    public void ReplaceAllModels(IEnumerable<InferenceModelPriority> models)
    {
        lock (_modelsLock)
        {
            _models.Clear();
            foreach (var model in models) _models[(model.Namespace, model.Name)] = model;
            RebuildModelsLocked();
        }
    }

    // InferenceModels change rarely and are read per request: rebuild a frozen lookup on each change.
    private void RebuildModelsLocked()
    {
        var byModel = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var model in _models.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Namespace, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            byModel.TryAdd(model.ModelName, model.Priority);
        }

        Volatile.Write(ref _priorityByModel, byModel.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
