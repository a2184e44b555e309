using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci …</c>: the OCI runtime command line (runc's), so that standard tools and peers can drive Arbiter.</summary>
internal static class OciCommands
{
    public static Command Build(CliContext context)
    {
        var root = new Option<string>("--root") { Description = $"Directory for container state (default {OciRuntime.DefaultRoot})", DefaultValueFactory = _ => OciRuntime.DefaultRoot, Recursive = true };
        var oci = new Command("oci", """
            The OCI runtime lifecycle over a bundle (a directory with config.json and a rootfs), with runc's command
            line: create, start, state, kill, delete, run, list. State lives under --root (default /run/arbiter).

            Examples:
              arbiter oci create --bundle ./bundle web1
              arbiter oci start web1
              arbiter oci state web1
              arbiter oci kill web1 KILL
              arbiter oci delete web1
              arbiter oci run --bundle ./bundle job7
            """) { root };
        oci.Subcommands.Add(OciCreateCommand.Build(context, root));
        oci.Subcommands.Add(OciStartCommand.Build(context, root));
        oci.Subcommands.Add(OciStateCommand.Build(context, root));
        oci.Subcommands.Add(OciKillCommand.Build(context, root));
        oci.Subcommands.Add(OciDeleteCommand.Build(context, root));
        oci.Subcommands.Add(OciRunCommand.Build(context, root));
        oci.Subcommands.Add(OciListCommand.Build(context, root));
        return oci;
    }

    public static Argument<string> IdArgument() => new("ID") { Description = "Container id: letters, digits, '_' and '-'" };

    public static Option<string> BundleOption() =>
        new("--bundle", "-b") { Description = "Bundle directory holding config.json (default: the current directory)", DefaultValueFactory = _ => "." };

    public static Option<string?> PidFileOption() => new("--pid-file") { Description = "Write the container's pid to this file" };

    /// <summary>runc's <c>--console-socket</c>, accepted so that a tool passing it gets a clear refusal, not a usage error.</summary>
    public static Option<string?> ConsoleSocketOption() => new("--console-socket") { Description = "Not supported: containers have no terminal (process.terminal must be false)" };

    /// <summary>Refuses <c>--console-socket</c> before anything is made.</summary>
    public static void RefuseConsoleSocket(ParseResult parse, Option<string?> consoleSocket)
    {
        if (parse.GetValue(consoleSocket) is not null)
        {
            throw new InputException("--console-socket: a terminal is not supported (set process.terminal to false in config.json and drop --console-socket)");
        }
    }

    /// <summary>Runs an OCI operation: a bad request is the one-line exit 2; a machine fault is one line and exit 1.</summary>
    public static int Guard(CliContext context, Func<int> body) => ArbiterApp.Guard(context, () =>
    {
        try
        {
            return body();
        }
        catch (OciException e) when (e.IsBadInput)
        {
            throw new InputException(e.Message, e);
        }
        catch (OciException e)
        {
            context.Err.WriteLine($"arbiter: {e.Message}");
            return ArbiterApp.Fault;
        }
    });

    public static void Warn(CliContext context, string warning) => context.Err.WriteLine($"arbiter: warning: {warning}");
}
