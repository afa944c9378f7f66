namespace EppOperator.Testing.Net;

/// <summary>How a child process ended and what it printed.</summary>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>Everything the process printed, for assertion messages.</summary>
    public string Describe() =>
        $"exit code {ExitCode}{(TimedOut ? " (timed out and killed)" : "")}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
