using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Vm;

/// <summary><c>arbiter vm …</c>: virtual memory: address translation and thrashing.</summary>
internal static class VmCommands
{
    public static Command Build(CliContext context)
    {
        var vm = new Command("vm", """
            Virtual memory: address translation through a TLB and a multi-level page table, and thrashing.

            Examples:
              arbiter vm translate examples/memory/two-level.yaml
              arbiter vm thrash --working-set 16 --frames 1..24
            """);
        vm.Subcommands.Add(VmTranslateCommand.Build(context));
        vm.Subcommands.Add(VmThrashCommand.Build(context));
        return vm;
    }
}
