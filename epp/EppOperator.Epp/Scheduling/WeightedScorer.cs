namespace EppOperator.Epp.Scheduling;

/// <summary>A scorer in a profile with its weight (default 1.0, as the reference).</summary>
internal readonly record struct WeightedScorer(IScorer Scorer, double Weight);
