using YamlDotNet.RepresentationModel;

namespace EppOperator.Scheduling.Tests.Vectors;

/// <summary>Loads the reference integration vectors shared by the scheduler tests and the end-to-end server tests.</summary>
public static class IntegrationVectors
{
    private static readonly Lazy<(string Config, IntegrationVector[] Cases)> Loaded = new(Load);

    public static string Config => Loaded.Value.Config;

    public static IEnumerable<IntegrationVector> Cases => Loaded.Value.Cases;

    private static (string, IntegrationVector[]) Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "reference-integration.yaml");
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var config = ((YamlScalarNode)root["config"]).Value!;
        var cases = ((YamlSequenceNode)root["cases"]).Children.Cast<YamlMappingNode>().Select(c => new IntegrationVector(
            Text(c, "name"),
            Text(c, "prompt"),
            Text(c, "model"),
            Text(c, "target"),
            [.. ((YamlSequenceNode)c["pods"]).Children.Cast<YamlMappingNode>().Select(p => (
                int.Parse(Text(p, "queue"), System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(Text(p, "kv"), System.Globalization.CultureInfo.InvariantCulture),
                p.Children.TryGetValue(new YamlScalarNode("active"), out var a) ? ((YamlSequenceNode)a).Children.Select(x => ((YamlScalarNode)x).Value!).ToArray() : []))],
            Text(c, "expected"))).ToArray();
        return (config, cases);
    }

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
