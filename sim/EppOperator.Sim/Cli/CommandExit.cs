namespace EppOperator.Sim.Cli;

/// <summary>How every <c>eppsim</c> command ends: a usage error that names the flag, or a server that ran until stopped.</summary>
internal static class CommandExit
{
    /// <summary>Exit code of a command line that cannot run (a bad flag value).</summary>
    public const int UsageError = 2;

    /// <summary>Prints <c>eppsim &lt;command&gt;: &lt;message&gt;</c> on stderr and returns <see cref="UsageError"/>.</summary>
    public static int Fail(string command, string message)
    {
        Console.Error.WriteLine($"eppsim {command}: {message}");
        return UsageError;
    }

    /// <summary>Serves until Ctrl-C or SIGTERM (<paramref name="cancellationToken"/>) stops the server; returns 0.</summary>
    public static async Task<int> ServeUntilStoppedAsync(Func<CancellationToken, Task> waitForShutdown, CancellationToken cancellationToken)
    {
        try
        {
            await waitForShutdown(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: stop serving.
        }

        return 0;
    }
}
