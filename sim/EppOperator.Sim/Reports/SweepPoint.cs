namespace EppOperator.Sim.Reports;

/// <summary>Every policy's result at one offered load of the sweep.</summary>
internal sealed record SweepPoint(double Load, double RateRps, int PlannedRequests, OrderedDictionary<string, PolicyResult> Policies);
