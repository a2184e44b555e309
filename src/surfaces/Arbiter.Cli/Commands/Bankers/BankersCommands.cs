using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands;

/// <summary><c>arbiter bankers …</c>: deadlock avoidance with the Banker's algorithm (seed week 4).</summary>
internal static class BankersCommands
{
    public static Command Build(CliContext context)
    {
        var bankers = new Command("bankers", "Deadlock avoidance: the Banker's safety check and resource-request algorithm");
        bankers.Subcommands.Add(Bankers.BankersCheckCommand.Build(context));
        bankers.Subcommands.Add(Bankers.BankersRequestCommand.Build(context));
        return bankers;
    }
}
