using System.Diagnostics.Metrics;

namespace EppOperator.Epp.Metrics;

/// <summary>
/// The one <see cref="Meter"/> all EPP instruments are created on. The Prometheus exposition listens to it by
/// name; tests create their own instance so their measurements stay isolated.
/// </summary>
internal sealed class EppMeter : IDisposable
{
    public const string MeterName = "EppOperator.Epp";

    public EppMeter(IMeterFactory? factory = null)
    {
        Meter = factory?.Create(MeterName) ?? new Meter(MeterName);
    }

    public Meter Meter { get; }

    public void Dispose() => Meter.Dispose();
}
