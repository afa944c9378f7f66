using EppOperator.Sim.Reports;

namespace EppOperator.Sim.Tune;

/// <summary>One grid point and how it did.</summary>
internal sealed record TuneCandidate(ScorerWeights Weights, PolicyResult Result);
