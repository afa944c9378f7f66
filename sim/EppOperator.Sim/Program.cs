using EppOperator.Sim.Cli;

// The `eppsim` executable: simulated vLLM model servers, load generation, the routing-quality benchmark.
return await EppsimCommand.Create().Parse(args).InvokeAsync();
