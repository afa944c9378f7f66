using System.Globalization;
using EppOperator.Sim.Live;

namespace EppOperator.Sim.Tests.Live;

public class ProcessGroupTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("eppsim-group-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Dispose_ProcessWithChildren_KillsTheWholeTree()
    {
        var group = new ProcessGroup();
        var shell = group.Start("shell", "/bin/sh", ["-c", "sleep 300 & echo child $!; wait"], Path.Combine(_directory, "shell.log"));
        var child = await ChildPidAsync(shell);
        Assume.That(ProcessProbe.IsAlive(child), Is.True);

        group.Dispose();

        await ProcessProbe.WaitUntilGoneAsync([shell.Pid, child], TimeSpan.FromSeconds(10));
        Assert.That(ProcessProbe.IsAlive(shell.Pid), Is.False);
        Assert.That(ProcessProbe.IsAlive(child), Is.False);
    }

    [Test]
    public async Task Start_Output_GoesToTheLogFile()
    {
        using var group = new ProcessGroup();
        var echo = group.Start("echo", "/bin/sh", ["-c", "echo to-stdout; echo to-stderr 1>&2"], Path.Combine(_directory, "echo.log"));

        await ProcessProbe.WaitUntilGoneAsync([echo.Pid], TimeSpan.FromSeconds(10));
        var tail = await TailOnceItHasAsync(echo, "to-stdout", "to-stderr");

        // The runtime marks the process exited from its SIGCHLD handling, a moment after the pid is gone: poll.
        Assert.That(() => echo.HasExited, Is.True.After(5000, 50));
        Assert.That(tail, Does.Contain("to-stdout").And.Contain("to-stderr"));
    }

    // The output reaches the log through asynchronous reads that may finish after the process is gone: poll for it
    // (bounded) rather than sleep a fixed time on a busy machine.
    private static async Task<string> TailOnceItHasAsync(ManagedProcess process, params string[] texts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var tail = process.Tail();
        while (!texts.All(tail.Contains) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            tail = process.Tail();
        }

        return tail;
    }

    private static async Task<int> ChildPidAsync(ManagedProcess shell)
    {
        for (var i = 0; i < 200; i++)
        {
            var line = shell.Tail().Split('\n').FirstOrDefault(l => l.StartsWith("child ", StringComparison.Ordinal));
            if (line is not null) return int.Parse(line["child ".Length..], CultureInfo.InvariantCulture);
            await Task.Delay(50);
        }

        Assert.Fail("the shell did not report its child");
        return 0;
    }
}
