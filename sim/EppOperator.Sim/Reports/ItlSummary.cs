namespace EppOperator.Sim.Reports;

/// <summary>Inter-token latency (gap between consecutive streamed tokens of one response), in milliseconds.</summary>
internal sealed record ItlSummary(double Mean, double P95);
