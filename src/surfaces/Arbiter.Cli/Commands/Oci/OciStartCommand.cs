using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci start ID</c>.</summary>
internal static class OciStartCommand
{
    public static Command Build(CliContext context, Option<string> root)
    {
        var id = OciCommands.IdArgument();
        var command = new Command("start", """
            Starts a created container: its process execs the configured command (status "running").

            Examples:
              arbiter oci start web1
            """) { id };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            OciRuntime.Start(parse.GetValue(root)!, parse.GetValue(id)!);
            return ArbiterApp.Ok;
        }));
        return command;
    }
}
