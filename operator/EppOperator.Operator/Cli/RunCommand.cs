using System.CommandLine;

namespace EppOperator.Operator.Cli;

/// <summary>The <c>run</c> command: the operator itself (placeholder until the runtime lands).</summary>
internal static class RunCommand
{
    public static Command Build(TextWriter error)
    {
        var command = new Command("run", "Run the operator against the current cluster");
        command.SetAction(async (_, _) =>
        {
            await error.WriteLineAsync("epp-operator: run is not wired yet").ConfigureAwait(false);
            return 1;
        });
        return command;
    }
}
