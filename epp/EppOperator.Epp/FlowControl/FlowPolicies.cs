using System.Collections.Immutable;

namespace EppOperator.Epp.FlowControl;

/// <summary>The fairness and ordering policy types flow control implements, by configuration type name.</summary>
internal static class FlowPolicies
{
    public const string StaticUsageLimitPolicy = "static-usage-limit-policy";

    public static readonly ImmutableArray<string> FairnessTypes = [GlobalStrictFairnessPolicy.TypeName, RoundRobinFairnessPolicy.TypeName];

    public static readonly ImmutableArray<string> OrderingTypes = [FcfsOrderingPolicy.TypeName, EdfOrderingPolicy.TypeName, SloDeadlineOrderingPolicy.TypeName];

    /// <summary>A fresh fairness policy for one band (they keep per-band state).</summary>
    public static IFairnessPolicy CreateFairness(string type) => type switch
    {
        GlobalStrictFairnessPolicy.TypeName => new GlobalStrictFairnessPolicy(),
        RoundRobinFairnessPolicy.TypeName => new RoundRobinFairnessPolicy(),
        _ => throw new ArgumentException($"unknown fairness policy '{type}'; known: {string.Join(", ", FairnessTypes)}", nameof(type)),
    };

    public static IOrderingPolicy CreateOrdering(string type) => type switch
    {
        FcfsOrderingPolicy.TypeName => FcfsOrderingPolicy.Instance,
        EdfOrderingPolicy.TypeName => EdfOrderingPolicy.Instance,
        SloDeadlineOrderingPolicy.TypeName => SloDeadlineOrderingPolicy.Instance,
        _ => throw new ArgumentException($"unknown ordering policy '{type}'; known: {string.Join(", ", OrderingTypes)}", nameof(type)),
    };
}
