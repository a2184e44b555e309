using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands;

/// <summary><c>arbiter deadlock …</c>: detection, graphs, prevention and recovery (seed weeks 3–5).</summary>
internal static class DeadlockCommands
{
    public static Command Build(CliContext context)
    {
        var deadlock = new Command("deadlock", "Deadlock detection, resource-allocation graphs, prevention and recovery");
        deadlock.Subcommands.Add(Deadlock.DetectCommand.Build(context));
        deadlock.Subcommands.Add(Deadlock.PreventCommand.Build(context));
        deadlock.Subcommands.Add(Deadlock.RecoverCommand.Build(context));
        deadlock.Subcommands.Add(Deadlock.GraphCommand.Build(context));
        return deadlock;
    }
}
