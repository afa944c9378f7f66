namespace EppOperator.Sim.Engine;

/// <summary>
/// Receives a sequence's output as the engine produces it. Called while the engine holds its lock, at the end of
/// the step that produced the token: implementations must return quickly and never call back into the engine.
/// Timestamps come from the engine's <see cref="TimeProvider.GetTimestamp"/>.
/// </summary>
internal interface IEngineObserver
{
    /// <summary>One generated token; the first call is the first token (time to first token ends here).</summary>
    void OnToken(EngineSequence sequence, long timestamp);

    /// <summary>The last token was delivered and the sequence left the batch. Not called for aborted sequences.</summary>
    void OnFinished(EngineSequence sequence, long timestamp);
}
