using System.CommandLine;
using EppOperator.Benchmarks;

// Benchmark entry point: `epp-bench --bench all|<name>[,<name>] --out artifacts/bench [--quick]`.
// Benchmarks are the types implementing IBenchmark in this assembly; each writes a JSON report under --out.
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t, nonPublic: true)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var benchOption = new Option<string>("--bench") { Description = "Benchmarks to run: all, or a comma-separated list of names", DefaultValueFactory = _ => "all" };
var outOption = new Option<DirectoryInfo>("--out") { Description = "Directory for JSON reports", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "bench")) };
var quickOption = new Option<bool>("--quick") { Description = "Short runs for a smoke check" };
var listOption = new Option<bool>("--list") { Description = "List the benchmarks and exit" };

var root = new RootCommand("EppOperator benchmarks") { benchOption, outOption, quickOption, listOption };
root.SetAction(async (parse, cancellationToken) =>
{
    if (parse.GetValue(listOption))
    {
        foreach (var b in benchmarks) Console.WriteLine($"{b.Name,-12} {b.Description}");
        return 0;
    }

    var selection = parse.GetValue(benchOption)!;
    var names = selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var unknown = names.Where(n => n != "all" && benchmarks.All(b => b.Name != n)).ToList();
    if (unknown.Count > 0)
    {
        Console.Error.WriteLine($"--bench: unknown benchmark(s) {string.Join(", ", unknown)}; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
        return 2;
    }

    var selected = names.Contains("all") ? benchmarks : benchmarks.Where(b => names.Contains(b.Name)).ToList();
    if (selected.Count == 0)
    {
        Console.WriteLine("epp-bench: no benchmarks are registered yet.");
        return 0;
    }

    var context = new BenchContext(parse.GetValue(outOption)!, parse.GetValue(quickOption));
    foreach (var benchmark in selected)
    {
        BenchContext.Progress($"{benchmark.Name}: {benchmark.Description}");
        await benchmark.RunAsync(context, cancellationToken);
    }

    return 0;
});

return await root.Parse(args).InvokeAsync();
