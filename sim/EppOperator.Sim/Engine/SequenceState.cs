namespace EppOperator.Sim.Engine;

internal enum SequenceState
{
    Waiting,
    Running,
    Finished,
    Aborted,
}
