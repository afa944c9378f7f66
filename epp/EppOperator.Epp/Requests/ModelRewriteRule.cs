using System.Collections.Immutable;

namespace EppOperator.Epp.Requests;

/// <summary>
/// One rule of an InferenceModelRewrite: requests for any of <see cref="MatchModels"/> (all models when empty)
/// go to one of <see cref="Targets"/>, chosen by weight.
/// </summary>
internal sealed record ModelRewriteRule(ImmutableArray<string> MatchModels, ImmutableArray<ModelRewriteTarget> Targets)
{
    /// <summary>Picks a target with probability weight / Σweight; equal odds when no target has a weight.</summary>
    public string PickTarget(Random random)
    {
        if (Targets.Length == 1) return Targets[0].Model;
        long total = 0;
        foreach (var target in Targets) total += Math.Max(target.Weight, 0);
        if (total == 0) return Targets[random.Next(Targets.Length)].Model;

        var roll = random.NextInt64(total);
        foreach (var target in Targets)
        {
            roll -= Math.Max(target.Weight, 0);
            if (roll < 0) return target.Model;
        }

        return Targets[^1].Model;
    }
}
