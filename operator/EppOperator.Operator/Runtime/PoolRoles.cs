using System.Collections.Concurrent;
using EppOperator.Operator.Pools;

namespace EppOperator.Operator.Runtime;

/// <summary>
/// The role the last reconcile gave each pool, by pool key. Model, objective and rewrite controllers write status
/// only for objects whose pool the operator serves; a pool changing role wakes them up.
/// </summary>
internal sealed class PoolRoles
{
    private readonly ConcurrentDictionary<string, PoolRole> _roles = new(StringComparer.Ordinal);

    /// <summary>Raised with the pool key when a pool's role changes (including removal).</summary>
    public event Action<string>? Changed;

    public int ServedCount => _roles.Values.Count(r => r != PoolRole.Ignored);

    public bool IsServed(string poolKey) => _roles.TryGetValue(poolKey, out var role) && role != PoolRole.Ignored;

    public void Set(string poolKey, PoolRole role)
    {
        var previous = _roles.TryGetValue(poolKey, out var old) ? old : (PoolRole?)null;
        _roles[poolKey] = role;
        if (previous != role) Changed?.Invoke(poolKey);
    }

    public void Remove(string poolKey)
    {
        if (_roles.TryRemove(poolKey, out _)) Changed?.Invoke(poolKey);
    }
}
