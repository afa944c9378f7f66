using System.Diagnostics.Metrics;

namespace EppOperator.Kube.Controllers;

/// <summary>
/// Controller metrics under controller-runtime's names, so dashboards written for Go operators work:
/// <c>controller_runtime_reconcile_total{controller,result}</c>, <c>controller_runtime_reconcile_errors_total</c>
/// and <c>controller_runtime_reconcile_time_seconds</c>.
/// </summary>
internal static class KubeMeter
{
    public const string Name = "EppOperator.Kube";

    private static readonly Meter Meter = new(Name);

    public static Counter<long> ReconcileTotal { get; } = Meter.CreateCounter<long>("controller_runtime_reconcile_total", description: "Reconciles per controller and result.");

    public static Counter<long> ReconcileErrors { get; } = Meter.CreateCounter<long>("controller_runtime_reconcile_errors_total", description: "Reconciles that failed or threw.");

    public static Histogram<double> ReconcileTime { get; } = Meter.CreateHistogram<double>("controller_runtime_reconcile_time_seconds", unit: "s", description: "Time per reconcile.");

    public static void RecordReconcile(string controller, ReconcileResult result, TimeSpan elapsed)
    {
        var outcome = result.Failed ? "error" : result.RequeueAfter is not null ? "requeue_after" : "success";
        var controllerTag = new KeyValuePair<string, object?>("controller", controller);
        ReconcileTotal.Add(1, controllerTag, new KeyValuePair<string, object?>("result", outcome));
        if (result.Failed) ReconcileErrors.Add(1, controllerTag);
        ReconcileTime.Record(elapsed.TotalSeconds, controllerTag);
    }
}
