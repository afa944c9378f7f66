using System.CommandLine;
using EppOperator.Sim.Cli;

// The `eppsim` executable: simulated vLLM model servers, load generation, the routing-quality benchmark.
var root = new RootCommand("EppOperator simulator: vLLM-compatible model servers, workloads, load and routing benchmarks")
{
    ServeCommand.Create(),
    LoadCommand.Create(),
    BenchCommand.Create(),
    DemoCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
