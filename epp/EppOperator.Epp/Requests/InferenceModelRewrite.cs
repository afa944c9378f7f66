using System.Collections.Immutable;

namespace EppOperator.Epp.Requests;

/// <summary>An InferenceModelRewrite object: ordered rules; older objects win ties between equal matches.</summary>
internal sealed record InferenceModelRewrite(string Namespace, string Name, DateTimeOffset CreatedAt, ImmutableArray<ModelRewriteRule> Rules)
{
    public string PoolName { get; init; } = "";
}
