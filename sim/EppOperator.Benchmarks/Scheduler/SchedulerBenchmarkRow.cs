namespace EppOperator.Benchmarks.Scheduler;

/// <summary>One benchmark case: method and pool size with its median (and least-disturbed, min) time and allocations per decision.</summary>
internal sealed record SchedulerBenchmarkRow(
    string Method,
    int Endpoints,
    double MedianMicroseconds,
    double MinMicroseconds,
    double MeanMicroseconds,
    double StdDevMicroseconds,
    long AllocatedBytesPerOperation);
