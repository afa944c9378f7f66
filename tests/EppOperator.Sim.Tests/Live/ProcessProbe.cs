namespace EppOperator.Sim.Tests.Live;

/// <summary>Whether a process id is still a live process (Linux /proc; a zombie counts as gone).</summary>
internal static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // "pid (name) state ...": the state follows the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    public static async Task WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var list = pids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (list.Any(IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(50);
    }
}
