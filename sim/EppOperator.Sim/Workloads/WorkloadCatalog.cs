using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EppOperator.Sim.Workloads;

/// <summary>
/// The built-in workloads (YAML files embedded in the assembly) and loading of workload files. A name is looked up
/// among the built-ins first, then treated as a path.
/// </summary>
internal static class WorkloadCatalog
{
    private const string ResourcePrefix = "EppOperator.Sim.Workloads.Definitions.";

    /// <summary>Built-in workload names, in report order.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["context-heavy", "bursty-chat", "high-cache"];

    public static IReadOnlyList<WorkloadDefinition> BuiltIns() => [.. BuiltInNames.Select(LoadBuiltIn)];

    /// <summary>Resolves <paramref name="nameOrPath"/> (a built-in name, or a YAML file), or says why it cannot.</summary>
    public static WorkloadDefinition? TryResolve(string nameOrPath, out string? error)
    {
        error = null;
        try
        {
            if (BuiltInNames.Contains(nameOrPath)) return LoadBuiltIn(nameOrPath);
            if (File.Exists(nameOrPath)) return Parse(File.ReadAllText(nameOrPath), nameOrPath);
            error = $"unknown workload '{nameOrPath}': not one of {string.Join(", ", BuiltInNames)} and no such file";
            return null;
        }
        catch (WorkloadFormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>Parses and validates one definition; <paramref name="source"/> names it in errors.</summary>
    public static WorkloadDefinition Parse(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        WorkloadDefinition? definition;
        try
        {
            definition = deserializer.Deserialize<WorkloadDefinition>(yaml);
        }
        catch (YamlException ex)
        {
            throw new WorkloadFormatException($"{source}: line {ex.Start.Line}: {(ex.InnerException ?? ex).Message}");
        }

        if (definition is null) throw new WorkloadFormatException($"{source}: empty workload file");
        if (definition.Validate() is { } problem) throw new WorkloadFormatException($"{source}: {problem}");
        return definition;
    }

    private static WorkloadDefinition LoadBuiltIn(string name)
    {
        using var stream = typeof(WorkloadCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".yaml")
            ?? throw new InvalidOperationException($"built-in workload {name} is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }
}
