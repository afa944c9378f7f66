namespace EppOperator.Sim.Live;

/// <summary>The processes of one live run of <see cref="Policy"/>: <see cref="Pods"/> simulated servers, the gateway,
/// and the EPP when the policy calls one (with flow control and the objective manifest for <c>epp+fc</c>).</summary>
internal sealed record LiveFleetSpec(
    string Name,
    string Model,
    string Profile,
    string Policy,
    string LogDirectory,
    LiveBenchOptions Options)
{
    public int Pods => Options.Pods;

    public bool WithEpp => LiveBenchOptions.CallsEpp(Policy);

    public bool WithFlowControl => Policy == LiveBenchOptions.EppFlowControl;
}
