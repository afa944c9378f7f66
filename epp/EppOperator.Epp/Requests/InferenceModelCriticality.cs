namespace EppOperator.Epp.Requests;

/// <summary>
/// The legacy v1alpha2 InferenceModel <c>criticality</c> expressed as an InferenceObjective priority, so both APIs
/// feed the same admission and priority bands: <c>Critical</c> = 2, <c>Standard</c> (and unset) = 0,
/// <c>Sheddable</c> = −1 (negative is sheddable, as for objectives). Critical sits two above Standard so an objective
/// can still be ranked between them with priority 1.
/// </summary>
internal static class InferenceModelCriticality
{
    public const string Critical = "Critical";
    public const string Standard = "Standard";
    public const string Sheddable = "Sheddable";

    public const int CriticalPriority = 2;
    public const int StandardPriority = 0;
    public const int SheddablePriority = -1;

    /// <summary>The priority for <paramref name="criticality"/>; false for a value the CRD does not allow.</summary>
    public static bool TryGetPriority(string? criticality, out int priority)
    {
        priority = criticality switch
        {
            null or "" or Standard => StandardPriority,
            Critical => CriticalPriority,
            Sheddable => SheddablePriority,
            _ => int.MinValue,
        };
        return priority != int.MinValue;
    }
}
