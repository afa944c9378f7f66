namespace EppOperator.Sim.Gateway;

/// <summary>Why an ext_proc exchange cannot go on; the gateway then fails open or closed.</summary>
internal sealed record ExtProcFailure(ExtProcFailureKind Kind, string Detail)
{
    public override string ToString() => $"{GatewayMetrics.KindLabel(Kind)}: {Detail}";
}
