using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Oci;

namespace Arbiter.Cli.Commands.Oci;

/// <summary><c>arbiter oci list</c>: the containers under --root.</summary>
internal static class OciListCommand
{
    public static Command Build(CliContext context, Option<string> root)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", """
            Lists the containers under --root with their status and pid.

            Examples:
              arbiter oci list
              arbiter oci list --json
            """) { json };
        command.SetAction(parse => OciCommands.Guard(context, () =>
        {
            var states = OciRuntime.List(parse.GetValue(root)!);
            if (parse.GetValue(json))
            {
                context.Json(states.Select(s => new { id = s.Id, status = s.Status.ToString().ToLowerInvariant(), pid = s.Pid, bundle = s.Bundle, created = s.Created }));
            }
            else
            {
                context.Out.WriteLine($"{"ID",-20} {"PID",8} {"STATUS",-8} BUNDLE");
                foreach (var s in states)
                {
                    context.Out.WriteLine($"{s.Id,-20} {s.Pid,8} {s.Status.ToString().ToLowerInvariant(),-8} {s.Bundle}");
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }
}
