using System.Diagnostics;

namespace EppOperator.Sim.Live;

/// <summary>A child process of the live bench, its output going to a log file.</summary>
internal sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    public ManagedProcess(string name, ProcessStartInfo startInfo, string logPath)
    {
        Name = name;
        LogPath = logPath;
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        _log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = false;
        startInfo.UseShellExecute = false;
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!_process.Start()) throw new InvalidOperationException($"{name}: could not start {startInfo.FileName}");
        Pid = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Pid { get; }

    public string LogPath { get; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 15)
    {
        lock (_logGate)
        {
            _log.Flush();
        }

        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    /// <summary>Kills the process and every process it started, and waits (bounded) for it to be gone.</summary>
    public void Kill(TimeSpan wait)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(wait);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill(TimeSpan.FromSeconds(5));
        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the process was disposed.
            }
        }
    }
}
