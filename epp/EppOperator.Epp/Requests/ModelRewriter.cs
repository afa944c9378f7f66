namespace EppOperator.Epp.Requests;

/// <summary>
/// Resolves the model a request is served by, as the reference director does: the rewrite header if present,
/// else the incoming model; a rewrite rule matching the incoming model then overrides both with a weighted pick.
/// </summary>
internal sealed class ModelRewriter(ModelRewriteStore store, Random random)
{
    // Random is not thread-safe; the lock is taken only when a rule has to roll among several targets.
    private readonly Lock _randomLock = new();

    public ModelRewriteStore Store { get; } = store;

    public string Resolve(string incomingModel, string? rewriteHeader)
    {
        var rule = Store.FindRule(incomingModel);
        if (rule is null) return string.IsNullOrEmpty(rewriteHeader) ? incomingModel : rewriteHeader;
        if (rule.Targets.Length == 1) return rule.Targets[0].Model;
        lock (_randomLock) return rule.PickTarget(random);
    }
}
