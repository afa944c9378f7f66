namespace EppOperator.Sim.Gateway;

/// <summary>
/// Envoy's override_host load-balancing policy: the EPP's destination value <c>ip:port[,ip:port...]</c> is a
/// preference list; each attempt takes the next entry that is an endpoint of the pool (others are skipped, never
/// contacted); when the list is used up the fallback policy (round-robin) picks.
/// </summary>
internal static class OverrideHostList
{
    /// <summary>The pool endpoints named by <paramref name="value"/>, in order and without repeats;
    /// <paramref name="rejected"/> counts entries that are not pool endpoints.</summary>
    public static IReadOnlyList<string> Select(string? value, EndpointPool pool, out int rejected)
    {
        rejected = 0;
        if (string.IsNullOrWhiteSpace(value)) return [];
        var selected = new List<string>(2);
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var member = pool.Find(entry);
            if (member is null) rejected++;
            else if (!selected.Contains(member)) selected.Add(member);
        }

        return selected;
    }
}
