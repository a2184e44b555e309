using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Sim;

/// <summary>
/// <c>arbiter sim …</c>: distributed algorithms on the deterministic simulator (and, with <c>--real</c>, as processes
/// over TCP). One line per subcommand; shared options live in <see cref="SimInput"/>.
/// </summary>
internal static class SimCommands
{
    public static Command Build(CliContext context)
    {
        var sim = new Command("sim", """
            Distributed algorithms on the deterministic simulator: virtual time, faults, traces; --seed reproduces a run

            Examples:
              arbiter sim clocks --events "P1->P2, P2->P3, P3->P1"
            """);
        sim.Subcommands.Add(ClocksCommand.Build(context));
        sim.Subcommands.Add(MutexCommand.Build(context));
        sim.Subcommands.Add(ElectionCommand.Build(context));
        sim.Subcommands.Add(PaxosCommand.Build(context));
        sim.Subcommands.Add(TwoPhaseCommand.Build(context));
        sim.Subcommands.Add(ClockSyncCommand.Build(context));
        return sim;
    }
}
