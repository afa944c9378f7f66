using EppOperator.Epp.Datalayer;
using EppOperator.Epp.Requests;
using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Bench.Policies;

/// <summary>
/// What a policy may use in a virtual run: the run's clock and seeded random, the fleet's endpoints (whose metrics
/// the simulated scraper refreshes), and, for the oracle only, the engines behind them and the engine-level form of
/// the request being scheduled.
/// </summary>
internal sealed record PolicyEnvironment(
    TimeProvider Time,
    Random Random,
    IReadOnlyList<Endpoint> Endpoints,
    IReadOnlyList<SimulatedEngine> Engines,
    Func<InferenceRequest, EngineRequest> EngineRequestOf)
{
    public SimulatedEngine EngineOf(Endpoint endpoint)
    {
        for (var i = 0; i < Endpoints.Count; i++)
        {
            if (ReferenceEquals(Endpoints[i], endpoint)) return Engines[i];
        }

        throw new ArgumentException($"{endpoint} is not part of this fleet", nameof(endpoint));
    }
}
