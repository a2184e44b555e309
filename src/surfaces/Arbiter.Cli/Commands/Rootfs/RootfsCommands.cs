using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Rootfs;

/// <summary><c>arbiter rootfs …</c>: root filesystems for the container runtime (seed weeks 7–8).</summary>
internal static class RootfsCommands
{
    public static Command Build(CliContext context)
    {
        var rootfs = new Command("rootfs", "Build root filesystems for containers (arbiter run --rootfs DIR)");
        rootfs.Subcommands.Add(BusyboxCommand.Build(context));
        return rootfs;
    }
}
