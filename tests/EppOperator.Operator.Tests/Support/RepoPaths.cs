namespace EppOperator.Operator.Tests.Support;

/// <summary>Locations in the checkout: the tests read the committed examples, CRDs, chart and golden files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    public static string Crds => Path.Combine(Root, "crds");

    public static string Chart => Path.Combine(Root, "charts", "epp-operator");

    /// <summary>Golden files live in the source tree, so UPDATE_GOLDEN=1 can rewrite them.</summary>
    public static string Golden => Path.Combine(Root, "tests", "EppOperator.Operator.Tests", "TestAssets", "golden");

    public static string TestAssets => Path.Combine(AppContext.BaseDirectory, "TestAssets");

    public static string Example(string file) => Path.Combine(Examples, file);

    /// <summary>
    /// The <c>epp</c> executable of the configuration these tests were built in (bin/&lt;Configuration&gt;/net10.0/), built
    /// first by the test project's reference to it.
    /// </summary>
    public static string EppExecutable() =>
        Path.Combine(Root, "epp", "EppOperator.Epp.Host", "bin", new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "epp.dll");

    /// <summary>The shared reference folder beside the checkout (absent on a plain clone).</summary>
    public static string? Shared()
    {
        var candidate = Path.Combine(Root, "..", "shared");
        return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EppOperator.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("cannot find the checkout root (EppOperator.sln) above " + AppContext.BaseDirectory);
    }
}
