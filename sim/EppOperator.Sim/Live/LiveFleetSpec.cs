namespace EppOperator.Sim.Live;

/// <summary>The processes of one live run: <see cref="Pods"/> simulated servers, the gateway, and the EPP when <see cref="WithEpp"/>.</summary>
internal sealed record LiveFleetSpec(
    string Name,
    string Model,
    string Profile,
    bool WithEpp,
    string LogDirectory,
    LiveBenchOptions Options)
{
    public int Pods => Options.Pods;
}
