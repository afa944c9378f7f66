namespace EppOperator.Sim.Workloads;

/// <summary>A workload file that cannot be used; the message names the file, and the line when known.</summary>
internal sealed class WorkloadFormatException(string message) : Exception(message);
