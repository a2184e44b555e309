using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci create [--bundle DIR] [--pid-file F] ID</c>.</summary>
internal static class OciCreateCommand
{
    public static Command Build(CliContext context, Option<string> root)
    {
        var id = OciCommands.IdArgument();
        var bundle = OciCommands.BundleOption();
        var pidFile = OciCommands.PidFileOption();
        var consoleSocket = OciCommands.ConsoleSocketOption();
        var command = new Command("create", """
            Creates a container from the bundle's config.json: namespaces, mounts, cgroup, privileges, all set up; the
            process waits for 'start' (status "created"). Unknown config fields are ignored with a warning; ones that
            cannot be honoured and would change the isolation are refused.

            Examples:
              arbiter oci create --bundle ./bundle web1
              arbiter oci --root /tmp/state create -b ./bundle --pid-file web1.pid web1
            """) { bundle, pidFile, consoleSocket, id };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            OciCommands.RefuseConsoleSocket(parse, consoleSocket);
            OciRuntime.Create(parse.GetValue(root)!, parse.GetValue(id)!, parse.GetValue(bundle)!, parse.GetValue(pidFile), w => OciCommands.Warn(context, w));
            return ArbiterApp.Ok;
        }));
        return command;
    }
}
