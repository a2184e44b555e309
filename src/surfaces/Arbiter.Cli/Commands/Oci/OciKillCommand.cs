using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci kill ID [SIGNAL]</c>.</summary>
internal static class OciKillCommand
{
    public static Command Build(CliContext context, Option<string> root)
    {
        var id = OciCommands.IdArgument();
        var signal = new Argument<string>("SIGNAL") { Description = "A name (TERM, SIGKILL, hup) or a number (1-64); default TERM", DefaultValueFactory = _ => "TERM" };
        var command = new Command("kill", """
            Sends a signal to the container's process (pid 1 inside: it ignores signals it has no handler for,
            except KILL).

            Examples:
              arbiter oci kill web1
              arbiter oci kill web1 KILL
              arbiter oci kill web1 9
            """) { id, signal };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            int number = Signals.Parse(parse.GetValue(signal)!);
            OciRuntime.Kill(parse.GetValue(root)!, parse.GetValue(id)!, number);
            return ArbiterApp.Ok;
        }));
        return command;
    }
}
