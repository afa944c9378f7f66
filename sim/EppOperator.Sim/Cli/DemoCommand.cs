using System.CommandLine;

namespace EppOperator.Sim.Cli;

/// <summary><c>eppsim demo</c>: says honestly that the live demo is not built yet.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for the demo's reports (used once the demo exists)" };
        var command = new Command("demo", "The one-command live demo (arrives with the gateway issue)") { output };
        command.SetAction(_ =>
        {
            Console.WriteLine("EppOperator demo: not built yet.");
            Console.WriteLine("The demo runs simulated model servers (eppsim serve), the EPP and the development gateway, drives");
            Console.WriteLine("traffic with eppsim load and compares round-robin with EPP routing. The simulator and load generator");
            Console.WriteLine("exist now; the demo arrives with the gateway issue. Meanwhile: eppsim bench --mode virtual.");
            return 0;
        });
        return command;
    }
}
