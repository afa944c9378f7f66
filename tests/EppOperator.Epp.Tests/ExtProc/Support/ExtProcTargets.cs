namespace EppOperator.Epp.Tests.ExtProc.Support;

/// <summary>The ways a fixture can reach the EPP: straight into the state machine, or over real gRPC.</summary>
internal static class ExtProcTargets
{
    public const string InProcess = "in-process";

    /// <summary>Real gRPC over loopback h2c: what the acceptance of the request path rests on.</summary>
    public const string Grpc = "grpc";

    public static async Task<IExtProcTarget> CreateAsync(string kind, EppComponents components) => kind switch
    {
        InProcess => new InProcessExtProcTarget(components.Service),
        Grpc => await GrpcExtProcTarget.StartAsync(components.Service),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown target"),
    };
}
