// The `eppsim` executable. Until the simulator, gateway and live benchmark land, `demo` says so honestly.
if (args.Length > 0 && args[0] == "demo")
{
    Console.WriteLine("EppOperator demo: not built yet.");
    Console.WriteLine("The demo runs simulated model servers, the EPP and the development gateway and compares");
    Console.WriteLine("round-robin with EPP routing. It arrives with the simulator and gateway issues.");
    return 0;
}

Console.Error.WriteLine("eppsim: unknown command. Available now: demo");
return 2;
