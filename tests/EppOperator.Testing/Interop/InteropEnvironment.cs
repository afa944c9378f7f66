using NUnit.Framework;
using EppOperator.Testing.Net;

namespace EppOperator.Testing.Interop;

/// <summary>
/// Finds the independent gRPC clients used by interop tests: node with <c>@grpc/grpc-js</c> installed under
/// <c>tests/Interop/node_modules</c>, and Debian's python3 with <c>grpcio</c>. When one is missing, a test is skipped
/// with the reason, except under CI (<c>CI</c> set), where the build installs both and a missing one is a failure.
/// </summary>
public static class InteropEnvironment
{
    /// <summary>Debian's interpreter, which has python3-grpcio; the first python3 on PATH may be another one without it.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>Overrides <see cref="DefaultPython"/>.</summary>
    public const string PythonVariable = "EPP_INTEROP_PYTHON";

    private static readonly Lazy<DirectoryInfo?> RepositoryRootLazy = new(FindRepositoryRoot);
    private static readonly Lazy<string?> NodeLazy = new(() => FindOnPath("node"));
    private static readonly Lazy<string?> PythonProblemLazy = new(FindPythonProblem);

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The checkout root (the directory holding EppOperator.sln), or null when run outside a checkout.</summary>
    public static DirectoryInfo? RepositoryRoot => RepositoryRootLazy.Value;

    /// <summary><c>tests/Interop</c>: the client scripts, package.json and node_modules.</summary>
    public static string InteropDirectory =>
        Path.Combine(RepositoryRoot?.FullName ?? throw new InvalidOperationException("Not inside an EppOperator checkout."), "tests", "Interop");

    public static string PythonPath => Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } python ? python : DefaultPython;

    /// <summary>The node executable when node and the npm packages are installed; otherwise skips (or fails under CI).</summary>
    public static string RequireNodeGrpc()
    {
        if (!TryFindNodeGrpc(out var node, out var reason))
        {
            Unavailable(reason);
        }

        return node;
    }

    /// <summary>The python interpreter when it can import grpc and protobuf; otherwise skips (or fails under CI).</summary>
    public static string RequirePythonGrpc()
    {
        if (PythonProblemLazy.Value is { } problem)
        {
            Unavailable(problem);
        }

        return PythonPath;
    }

    /// <summary>Finds node with <c>@grpc/grpc-js</c> and <c>@grpc/proto-loader</c> installed, or says what is missing (benchmarks use this).</summary>
    public static bool TryFindNodeGrpc(out string node, out string reason)
    {
        node = NodeLazy.Value ?? "";
        reason = "";
        if (node.Length == 0)
        {
            reason = "node is not on PATH";
            return false;
        }

        if (RepositoryRoot is null)
        {
            reason = "not running inside an EppOperator checkout, so tests/Interop cannot be found";
            return false;
        }

        var modules = Path.Combine(InteropDirectory, "node_modules", "@grpc");
        if (!Directory.Exists(Path.Combine(modules, "grpc-js")) || !Directory.Exists(Path.Combine(modules, "proto-loader")))
        {
            reason = "tests/Interop/node_modules lacks @grpc/grpc-js or @grpc/proto-loader (run `npm ci` in tests/Interop, or ./build.sh --target=Test)";
            return false;
        }

        return true;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"Interop client unavailable under CI: {reason}");
        }

        Assert.Ignore($"Interop client unavailable: {reason}");
    }

    private static string? FindPythonProblem()
    {
        var python = PythonPath;
        if (!File.Exists(python))
        {
            return $"{python} does not exist (install python3-grpcio and python3-protobuf, or set {PythonVariable})";
        }

        var result = ChildProcess.RunAsync(python, ["-c", "import grpc, google.protobuf"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return result.ExitCode == 0
            ? null
            : $"{python} cannot import grpc and google.protobuf (install python3-grpcio and python3-protobuf): {result.StandardError.Trim()}";
    }

    private static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static DirectoryInfo? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EppOperator.sln")))
            {
                return directory;
            }
        }

        return null;
    }
}
