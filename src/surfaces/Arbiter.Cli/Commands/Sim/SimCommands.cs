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
              arbiter sim ping --nodes 4 --faults "partition {1,2}|{3,4} at 5ms, heal at 20ms, crash 3 at 30ms"
              arbiter sim ping --seeds 1..1000 --faults random
            """);
        sim.Subcommands.Add(ClocksCommand.Build(context));
        sim.Subcommands.Add(PingCommand.Build(context));
        sim.Subcommands.Add(MutexCommand.Build(context));
        sim.Subcommands.Add(ElectionCommand.Build(context));
        sim.Subcommands.Add(PaxosCommand.Build(context));
        sim.Subcommands.Add(TwoPhaseCommand.Build(context));
        sim.Subcommands.Add(ClockSyncCommand.Build(context));
        sim.Subcommands.Add(RaftCommand.Build(context));
        return sim;
    }
}
