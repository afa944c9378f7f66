// Benchmark entry point; each issue adds its benchmark here and writes a JSON report under --out.
Console.WriteLine("epp-bench: no benchmarks are registered yet.");
return 0;
