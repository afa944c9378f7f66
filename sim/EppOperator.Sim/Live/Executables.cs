namespace EppOperator.Sim.Live;

/// <summary>Where the live bench finds the programs it starts: this <c>eppsim</c> and the <c>epp</c> built beside it.</summary>
internal static class Executables
{
    /// <summary>The <c>dotnet</c> host running this process (or the one on the PATH).</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public static string EppsimDll => Path.Combine(AppContext.BaseDirectory, "eppsim.dll");

    public static string EppDll => Path.Combine(AppContext.BaseDirectory, "epp.dll");

    /// <summary>How to run <paramref name="path"/>: a .dll through the dotnet host, anything else directly.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Launch(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (DotnetHost, [path]) : (path, []);
}
