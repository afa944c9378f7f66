using System.Collections.Frozen;

namespace EppOperator.Epp.Requests;

/// <summary>
/// The model rewrite rules of this EPP's pool. Writers rebuild a lookup (exact model → rule, plus the
/// catch-all rule) on every change; readers see the whole lookup through one volatile read.
/// Precedence as the reference: an exact match beats a catch-all rule, then the oldest object, then the first rule.
/// </summary>
internal sealed class ModelRewriteStore
{
    private readonly Lock _writeLock = new();
    private readonly Dictionary<(string Namespace, string Name), InferenceModelRewrite> _objects = [];
    private Lookup _lookup = Lookup.Empty;

    public int Count
    {
        get
        {
            lock (_writeLock) return _objects.Count;
        }
    }

    public void Upsert(InferenceModelRewrite rewrite)
    {
        lock (_writeLock)
        {
            _objects[(rewrite.Namespace, rewrite.Name)] = rewrite;
            Rebuild();
        }
    }

    public bool Remove(string @namespace, string name)
    {
        lock (_writeLock)
        {
            if (!_objects.Remove((@namespace, name))) return false;
            Rebuild();
            return true;
        }
    }

    public void ReplaceAll(IEnumerable<InferenceModelRewrite> rewrites)
    {
        lock (_writeLock)
        {
            _objects.Clear();
            foreach (var rewrite in rewrites) _objects[(rewrite.Namespace, rewrite.Name)] = rewrite;
            Rebuild();
        }
    }

    /// <summary>The rule that applies to requests for <paramref name="model"/>, or null.</summary>
    public ModelRewriteRule? FindRule(string model)
    {
        var lookup = Volatile.Read(ref _lookup);
        return lookup.Exact.TryGetValue(model, out var rule) ? rule : lookup.CatchAll;
    }

    private void Rebuild()
    {
        var exact = new Dictionary<string, ModelRewriteRule>(StringComparer.Ordinal);
        ModelRewriteRule? catchAll = null;
        var ordered = _objects.Values
            .OrderBy(o => o.CreatedAt)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal);
        foreach (var rewrite in ordered)
        {
            foreach (var rule in rewrite.Rules)
            {
                if (rule.Targets.IsDefaultOrEmpty) continue;
                if (rule.MatchModels.IsDefaultOrEmpty)
                {
                    catchAll ??= rule;
                    continue;
                }

                foreach (var model in rule.MatchModels) exact.TryAdd(model, rule);
            }
        }

        Volatile.Write(ref _lookup, new Lookup(exact.ToFrozenDictionary(StringComparer.Ordinal), catchAll));
    }

    private sealed record Lookup(FrozenDictionary<string, ModelRewriteRule> Exact, ModelRewriteRule? CatchAll)
    {
        public static readonly Lookup Empty = new(FrozenDictionary<string, ModelRewriteRule>.Empty, null);
    }
}
