// EppOperator build script. Public targets only chain private `__` tasks.
//   ./build.sh --target=Build | Test | Bench | Demo | Clean
using System.Xml.Linq;

///////////////////////////////////////////////////////////////////////////////
// ARGUMENTS
///////////////////////////////////////////////////////////////////////////////

var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
// Narrow a test run while working: --filter="FullyQualifiedName~Grpc"
var testFilter = Argument("filter", "");
// Benchmarks: --bench=all|extproc|flowcontrol|grpc|scheduler|scrape|virtual (epp-bench --list)
var benchSelection = Argument("bench", "all");

///////////////////////////////////////////////////////////////////////////////
// GLOBALS
///////////////////////////////////////////////////////////////////////////////

var solution = File("./EppOperator.sln");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var benchOut = artifacts + Directory("bench");
var interopDir = Directory("./tests/Interop");
var isCi = !string.IsNullOrEmpty(EnvironmentVariable("CI"));

var msbuildSettings = new DotNetMSBuildSettings()
    .WithProperty("TreatWarningsAsErrors", "true")
    .SetMaxCpuCount(0);

///////////////////////////////////////////////////////////////////////////////
// SETUP / TEARDOWN
///////////////////////////////////////////////////////////////////////////////

Setup(context =>
{
    Information("EppOperator: target {0}, configuration {1}{2}", target, configuration, isCi ? ", CI" : "");
});

///////////////////////////////////////////////////////////////////////////////
// PRIVATE TASKS
///////////////////////////////////////////////////////////////////////////////

Task("__Clean")
    .Does(() =>
{
    CleanDirectories("./**/bin/" + configuration);
    CleanDirectories("./**/obj");
    CleanDirectory(artifacts);
});

Task("__Restore")
    .Does(() =>
{
    DotNetRestore(solution);
});

Task("__Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
        MSBuildSettings = msbuildSettings,
    });
});

// Independent gRPC implementations for interop tests: @grpc/grpc-js from npm and grpcio from Debian.
Task("__InteropSetup")
    .Does(() =>
{
    if (FileExists(interopDir + File("package.json")))
    {
        var npmArgs = FileExists(interopDir + File("package-lock.json")) ? "ci --no-audit --no-fund" : "install --no-audit --no-fund";
        var exit = StartProcess("npm", new ProcessSettings { Arguments = npmArgs, WorkingDirectory = interopDir });
        if (exit != 0) throw new Exception("npm " + npmArgs + " failed in tests/Interop");
    }

    if (!PythonHasGrpc())
    {
        if (IsRoot() && FileExists("/usr/bin/apt-get"))
        {
            Information("Installing python3-grpcio and python3-protobuf from Debian for the interop tests");
            StartProcess("apt-get", "update -qq");
            var exit = StartProcess("apt-get", "install -y -qq python3-grpcio python3-protobuf python3-yaml");
            if (exit != 0) throw new Exception("apt-get install python3-grpcio failed");
        }
        else
        {
            Warning("python3-grpcio is not installed and this user cannot install it: the grpcio interop tests will be skipped");
        }
    }
});

Task("__Test")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);
    var projects = GetFiles("./tests/*.Tests/*.Tests.csproj").OrderBy(p => p.FullPath).ToList();
    var failedProjects = new List<string>();
    foreach (var project in projects)
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        var settings = new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            Loggers = new[] { "trx;LogFileName=" + name + ".trx", "console;verbosity=minimal" },
            ResultsDirectory = testResults,
        };
        if (!string.IsNullOrEmpty(testFilter)) settings.Filter = testFilter;
        try
        {
            DotNetTest(project.FullPath, settings);
        }
        catch (Exception ex)
        {
            Error("{0}: {1}", name, ex.Message);
            failedProjects.Add(name);
        }
    }

    var summary = SummariseTrx(testResults);
    Information("");
    Information("Test summary: {0} passed, {1} failed, {2} skipped, {3} total in {4} projects",
        summary.Passed, summary.Failed, summary.Skipped, summary.Total, projects.Count);
    if (failedProjects.Count > 0 || summary.Failed > 0)
    {
        throw new Exception("Tests failed in: " + string.Join(", ", failedProjects));
    }
});

Task("__Bench")
    .Does(() =>
{
    EnsureDirectoryExists(benchOut);
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"run --no-build -c {configuration} --project sim/EppOperator.Benchmarks -- --bench {benchSelection} --out {MakeAbsolute(benchOut)}",
    });
    if (exit != 0) throw new Exception("benchmarks failed with exit code " + exit);
    Information("Benchmark reports: {0}", MakeAbsolute(benchOut));
});

Task("__Demo")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"run --no-build -c {configuration} --project sim/EppOperator.Sim -- demo --out {MakeAbsolute(artifacts + Directory("demo"))}",
    });
    if (exit != 0) throw new Exception("demo failed with exit code " + exit);
});

///////////////////////////////////////////////////////////////////////////////
// PUBLIC TARGETS
///////////////////////////////////////////////////////////////////////////////

Task("Clean")
    .IsDependentOn("__Clean");

Task("Build")
    .IsDependentOn("__Restore")
    .IsDependentOn("__Build");

Task("Test")
    .IsDependentOn("Build")
    .IsDependentOn("__InteropSetup")
    .IsDependentOn("__Test");

Task("Bench")
    .IsDependentOn("Build")
    .IsDependentOn("__Bench");

Task("Demo")
    .IsDependentOn("Build")
    .IsDependentOn("__Demo");

Task("Default")
    .IsDependentOn("Build");

///////////////////////////////////////////////////////////////////////////////
// EXECUTION
///////////////////////////////////////////////////////////////////////////////

RunTarget(target);

///////////////////////////////////////////////////////////////////////////////
// HELPER FUNCTIONS
///////////////////////////////////////////////////////////////////////////////

bool PythonHasGrpc()
{
    if (!FileExists("/usr/bin/python3")) return false;
    return StartProcess("/usr/bin/python3", new ProcessSettings { Arguments = "-c \"import grpc, google.protobuf\"", RedirectStandardError = true }) == 0;
}

bool IsRoot()
{
    IEnumerable<string> output;
    StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out output);
    return output.FirstOrDefault()?.Trim() == "0";
}

(int Passed, int Failed, int Skipped, int Total) SummariseTrx(DirectoryPath directory)
{
    int passed = 0, failed = 0, total = 0, notExecuted = 0;
    foreach (var trx in GetFiles(directory.FullPath + "/*.trx"))
    {
        var counters = XDocument.Load(trx.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters == null) continue;
        int Read(string name) => int.TryParse((string)counters.Attribute(name), out var v) ? v : 0;
        passed += Read("passed");
        failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
        total += Read("total");
        notExecuted += Read("notExecuted");
    }
    return (passed, failed, notExecuted, total);
}
