using EppOperator.Testing.Net;

namespace EppOperator.Operator.Tests.Support;

/// <summary>The real kubectl against a fixture, through a kubeconfig file.</summary>
internal sealed class Kubectl(string kubeconfig)
{
    public static string? Path { get; } = new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" }.FirstOrDefault(File.Exists)
        ?? Environment.GetEnvironmentVariable("PATH")?.Split(System.IO.Path.PathSeparator).Select(p => System.IO.Path.Combine(p, "kubectl")).FirstOrDefault(File.Exists);

    public async Task<ChildProcessResult> RunAsync(params string[] args)
    {
        var result = await ChildProcess.RunAsync(Path ?? throw new InvalidOperationException("kubectl is not installed"), ["--kubeconfig", kubeconfig, .. args], TimeSpan.FromSeconds(60));
        return result;
    }

    /// <summary>Runs and fails the test on a non-zero exit, showing kubectl's error.</summary>
    public async Task<string> MustAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, $"kubectl {string.Join(' ', args)} failed: {result.Describe()}");
        return result.StandardOutput;
    }
}
