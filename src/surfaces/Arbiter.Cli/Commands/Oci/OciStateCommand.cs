using System.CommandLine;
using System.Text.Json;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci state ID</c>: the OCI state document (camelCase keys, as the runtime spec defines them).</summary>
internal static class OciStateCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(CliContext context, Option<string> root)
    {
        var id = OciCommands.IdArgument();
        var command = new Command("state", """
            Prints the container's state as the OCI runtime spec defines it: ociVersion, id, status (created, running,
            stopped), pid, bundle, rootfs, created, annotations. The status is read from the kernel each time.

            Examples:
              arbiter oci state web1
            """) { id };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            context.Out.WriteLine(JsonSerializer.Serialize(OciRuntime.State(parse.GetValue(root)!, parse.GetValue(id)!).ToDocument(), Indented));
            return ArbiterApp.Ok;
        }));
        return command;
    }
}
