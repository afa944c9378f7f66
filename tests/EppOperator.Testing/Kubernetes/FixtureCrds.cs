namespace EppOperator.Testing.Kubernetes;

/// <summary>
/// Compact CRD manifests of the inference API types (fields and validation facts of the upstream schemas,
/// without descriptions or CEL rules), embedded for tests that need them installed in a fixture.
/// </summary>
public static class FixtureCrds
{
    public const string InferencePoolV1 = "inferencepools.inference.networking.k8s.io";
    public const string InferencePoolV1Alpha2 = "inferencepools.inference.networking.x-k8s.io";
    public const string InferenceObjective = "inferenceobjectives.inference.networking.x-k8s.io";
    public const string InferenceModelRewrite = "inferencemodelrewrites.inference.networking.x-k8s.io";
    public const string InferenceModel = "inferencemodels.inference.networking.x-k8s.io";

    public static IReadOnlyList<string> All { get; } = [InferencePoolV1, InferencePoolV1Alpha2, InferenceObjective, InferenceModelRewrite, InferenceModel];

    /// <summary>The YAML of the CRD named <paramref name="name"/> (one of the constants).</summary>
    public static string Yaml(string name)
    {
        using var stream = typeof(FixtureCrds).Assembly.GetManifestResourceStream($"EppOperator.Testing.Kubernetes.Crds.{name}.yaml")
            ?? throw new ArgumentException($"no embedded CRD named {name}", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Installs CRDs (all inference CRDs by default) in the fixture.</summary>
    public static void Install(KubeApiServer server, params string[] names)
    {
        foreach (var name in names.Length == 0 ? All : names) server.CreateFromYaml(Yaml(name));
    }

    /// <summary>Writes the CRD to a file (for kubectl) and returns its path.</summary>
    public static string WriteTo(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".yaml");
        File.WriteAllText(path, Yaml(name));
        return path;
    }
}
