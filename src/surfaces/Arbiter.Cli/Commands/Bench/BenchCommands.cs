using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Bench;

/// <summary><c>arbiter bench</c>: load generators that measure a running system from outside, as its users would.</summary>
internal static class BenchCommands
{
    public static Command Build(CliContext context)
    {
        var bench = new Command("bench", """
            Measure a running system from outside with a closed-loop load generator.

            Examples:
              arbiter bench store --endpoints http://127.0.0.1:2379 --clients 64 --ops 20000
            """);
        bench.Subcommands.Add(StoreBenchCommand.Build(context));
        return bench;
    }
}
