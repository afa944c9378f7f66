namespace EppOperator.Sim.Engine;

/// <summary>The sequence the engine accepted, or why it did not.</summary>
internal readonly record struct SubmitResult(EngineSequence? Sequence, SubmitRejection Rejection)
{
    public bool Accepted => Sequence is not null;
}
