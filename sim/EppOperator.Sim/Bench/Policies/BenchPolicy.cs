namespace EppOperator.Sim.Bench.Policies;

/// <summary>A named routing policy; <see cref="Create"/> builds a fresh instance for each run.</summary>
internal sealed record BenchPolicy(string Name, string Description, Func<PolicyEnvironment, PolicyInstance> Create);
