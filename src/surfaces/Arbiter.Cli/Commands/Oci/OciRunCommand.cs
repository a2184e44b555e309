using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Run;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci run [--bundle DIR] [--pid-file F] ID</c>: create, start, wait and delete in the foreground.</summary>
internal static class OciRunCommand
{
    public static Command Build(CliContext context, Option<string> root)
    {
        var id = OciCommands.IdArgument();
        var bundle = OciCommands.BundleOption();
        var pidFile = OciCommands.PidFileOption();
        var consoleSocket = OciCommands.ConsoleSocketOption();
        var command = new Command("run", """
            Runs the bundle's container in the foreground (stdio passes through) and exits with its status; its state
            exists while it runs and is removed at the end. An OOM kill is reported on one line (exit 137).

            Examples:
              arbiter oci run --bundle ./bundle job7
              arbiter oci --root /tmp/state run -b ./bundle job8
            """) { bundle, pidFile, consoleSocket, id };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            OciCommands.RefuseConsoleSocket(parse, consoleSocket);
            var result = OciRuntime.Run(parse.GetValue(root)!, parse.GetValue(id)!, parse.GetValue(bundle)!, parse.GetValue(pidFile), w => OciCommands.Warn(context, w));
            RunReport.Write(context, result, stats: false, json: false);
            return result.Status;
        }));
        return command;
    }
}
