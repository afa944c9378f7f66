using System.Diagnostics.Metrics;
using EppOperator.Epp.Metrics;
using EppOperator.Operator.Runtime;

namespace EppOperator.Operator.Hosting;

/// <summary>
/// The operator's own Prometheus series, on an <see cref="EppMeter"/> instance so the EPP's exporter serves them:
/// <c>epp_operator_child_changes_total{kind,change}</c> (a steady cluster shows no growth) and
/// <c>epp_operator_pools_served</c>.
/// </summary>
internal sealed class OperatorMetrics : IDisposable
{
    private readonly Counter<long> _changes;

    public OperatorMetrics(PoolRoles roles)
    {
        Meter = new EppMeter();
        _changes = Meter.Meter.CreateCounter<long>("epp_operator_child_changes_total", description: "Children the operator created, updated or deleted, by kind and change.");
        Meter.Meter.CreateObservableGauge("epp_operator_pools_served", () => roles.ServedCount, description: "InferencePools the operator currently serves.");
        Exporter = new PrometheusExporter(Meter);
    }

    public EppMeter Meter { get; }

    public PrometheusExporter Exporter { get; }

    public void Record(ChildChange change)
    {
        if (change.Kind is ChildChangeKind.Unchanged) return;
        _changes.Add(1, new KeyValuePair<string, object?>("kind", change.ObjectKind), new KeyValuePair<string, object?>("change", change.Kind.ToString().ToLowerInvariant()));
    }

    public void Dispose()
    {
        Exporter.Dispose();
        Meter.Dispose();
    }
}
