using System.CommandLine;
using EppOperator.Sim.Gateway;

namespace EppOperator.Sim.Cli;

/// <summary>The <c>eppsim</c> command line.</summary>
internal static class EppsimCommand
{
    public static RootCommand Create() => new("EppOperator simulator: vLLM-compatible model servers, workloads, load and routing benchmarks")
    {
        ServeCommand.Create(),
        LoadCommand.Create(),
        BenchCommand.Create(),
        TuneCommand.Create(),
        GatewayCommand.Create(),
        DemoCommand.Create(),
    };
}
