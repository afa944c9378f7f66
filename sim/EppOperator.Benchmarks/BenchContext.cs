using System.Text.Json;

namespace EppOperator.Benchmarks;

/// <summary>Where reports go and how to write them; shared by every benchmark.</summary>
internal sealed class BenchContext(DirectoryInfo outputDirectory, bool quick)
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true };

    public DirectoryInfo OutputDirectory { get; } = outputDirectory;

    /// <summary>Shorter runs (fewer iterations) for smoke checks; reports say when they were quick.</summary>
    public bool Quick { get; } = quick;

    /// <summary>Writes <c>&lt;name&gt;.json</c> under the output directory and returns its path.</summary>
    public string WriteReport<T>(string name, T report)
    {
        OutputDirectory.Create();
        var path = Path.Combine(OutputDirectory.FullName, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(report, ReportJson));
        return path;
    }

    /// <summary>Progress for long runs, on stderr so stdout stays parseable.</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
}
