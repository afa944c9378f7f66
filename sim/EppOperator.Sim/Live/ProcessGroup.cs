using System.Diagnostics;

namespace EppOperator.Sim.Live;

/// <summary>
/// The processes one live run starts. Whatever way the run ends (done, failed, cancelled by Ctrl-C or SIGTERM, or
/// the bench process exiting), every process of the group is killed with its whole tree: disposing the group does
/// it, and so does the runtime's process-exit event as a last resort.
/// </summary>
internal sealed class ProcessGroup : IDisposable
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly List<ManagedProcess> _processes = [];
    private readonly Lock _gate = new();
    private readonly EventHandler _onProcessExit;
    private bool _disposed;

    public ProcessGroup()
    {
        _onProcessExit = (_, _) => KillAll();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    public IReadOnlyList<ManagedProcess> Processes
    {
        get
        {
            lock (_gate) return [.. _processes];
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, output to <paramref name="logPath"/>.</summary>
    public ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = Environment.CurrentDirectory };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (key, value) in environment) startInfo.Environment[key] = value;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var process = new ManagedProcess(name, startInfo, logPath);
            _processes.Add(process);
            return process;
        }
    }

    /// <summary>Kills every process of the group (and its children).</summary>
    public void KillAll()
    {
        foreach (var process in Processes) process.Kill(KillWait);
    }

    public void Dispose()
    {
        List<ManagedProcess> processes;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            processes = [.. _processes];
        }

        foreach (var process in processes) process.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
    }
}
