namespace EppOperator.Sim.Live;

/// <summary>A live run could not go on (a process failed to start or died); the message says which and why.</summary>
internal sealed class LiveRunException(string message) : Exception(message);
