using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci delete [--force] ID</c>.</summary>
internal static class OciDeleteCommand
{
    public static Command Build(CliContext context, Option<string> root)
    {
        var id = OciCommands.IdArgument();
        var force = new Option<bool>("--force", "-f") { Description = "Kill a created or running container first" };
        var command = new Command("delete", """
            Removes a stopped container: its cgroup and its state. With --force a live one is killed first.

            Examples:
              arbiter oci delete web1
              arbiter oci delete --force web1
            """) { force, id };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            OciRuntime.Delete(parse.GetValue(root)!, parse.GetValue(id)!, parse.GetValue(force));
            return ArbiterApp.Ok;
        }));
        return command;
    }
}
