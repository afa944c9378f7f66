namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>The ways a fixture can reach the EPP: straight into the state machine, or over real gRPC.</summary>
internal static class ExtProcTargets
{
    public const string InProcess = "in-process";

    public static Task<IExtProcTarget> CreateAsync(string kind, EppComponents components) => kind switch
    {
        InProcess => Task.FromResult<IExtProcTarget>(new InProcessExtProcTarget(components.Service)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown target"),
    };
}
