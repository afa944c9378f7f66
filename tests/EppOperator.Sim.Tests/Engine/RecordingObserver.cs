using EppOperator.Sim.Engine;

namespace EppOperator.Sim.Tests.Engine;

/// <summary>Records when each token and the end of a sequence arrived (engine timestamps).</summary>
internal sealed class RecordingObserver : IEngineObserver
{
    public List<long> Tokens { get; } = [];

    public long? FinishedAt { get; private set; }

    public void OnToken(EngineSequence sequence, long timestamp) => Tokens.Add(timestamp);

    public void OnFinished(EngineSequence sequence, long timestamp) => FinishedAt = timestamp;
}
