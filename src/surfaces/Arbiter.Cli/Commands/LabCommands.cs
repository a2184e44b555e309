using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands;

/// <summary><c>arbiter lab …</c>: runnable lessons built on the production engine.</summary>
internal static class LabCommands
{
    public static Command Build(CliContext context)
    {
        var lab = new Command("lab", "Runnable lessons: every example and exercise of the seeds, answered by the engine");
        lab.Subcommands.Add(Tour.TourCommand.Build(context));
        lab.Subcommands.Add(Labs.BoundedBufferLabCommand.Build(context));
        lab.Subcommands.Add(Labs.ReadersWritersLabCommand.Build(context));
        lab.Subcommands.Add(Labs.FairnessLabCommand.Build(context));
        lab.Subcommands.Add(Labs.LockOrderLabCommand.Build(context));
        lab.Subcommands.Add(Labs.PhilosophersLabCommand.Build(context));
        lab.Subcommands.Add(Labs.IpcLabCommand.Build(context));
        lab.Subcommands.Add(Labs.RaceLabCommand.Build(context));
        lab.Subcommands.Add(Labs.ThreadsLabCommand.Build(context));
        return lab;
    }
}
