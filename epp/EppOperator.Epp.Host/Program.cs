using EppOperator.Epp.Host;

// The `epp` executable: GAIE-compatible flags; see EppCommandLine. Exit codes: 0 after a clean shutdown,
// 2 for bad flags, 1 when the server fails to start.
return await new EppCommandLine().InvokeAsync(args, EppHost.RunAsync, Console.Out, Console.Error);
