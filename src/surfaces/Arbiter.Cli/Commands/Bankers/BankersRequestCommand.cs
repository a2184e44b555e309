using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Input;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Bankers;

/// <summary><c>arbiter bankers request FILE --process P --request 1,0,2</c>: the resource-request algorithm.</summary>
internal static class BankersRequestCommand
{
    public static Command Build(CliContext context)
    {
        var file = CommonOptions.StateFileArgument();
        var json = CommonOptions.Json();
        var process = new Option<string>("--process", "-p") { Description = "The requesting process", Required = true };
        var request = new Option<string>("--request", "-r") { Description = "The request, in resource order (1,0,2) or by name (A=1,C=2)", Required = true };
        var command = new Command("request", """
            Resource-request algorithm: may the process have these resources now? Granted only if the request is
            within its declared claim (else an error: exceeds-claim), available (else it waits: exceeds-available),
            and the state after granting is safe (else it waits: unsafe). The file is not changed.

            Examples:
              arbiter bankers request examples/deadlock/silberschatz.yaml --process P1 --request 1,0,2
              arbiter bankers request examples/deadlock/silberschatz.yaml -p P0 -r B=2 --json
              arbiter bankers request examples/deadlock/bankers-12.yaml -p P1 -r 1
            """) { file, process, request, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string path = parse.GetValue(file)!;
            var ledger = CommonOptions.Load(parse, file);
            BankersCheckCommand.RequireClaims(ledger, path);
            string name = parse.GetValue(process)!;
            int p = ledger.IndexOfProcess(name);
            if (p < 0)
            {
                throw new InputException($"--process: no process '{name}' in {path} (processes are {string.Join(", ", Enumerable.Range(0, ledger.ProcessCount).Select(ledger.ProcessName))})");
            }

            int[] vector = Format.ParseVector(parse.GetValue(request)!, ledger, "--request");
            var decision = Banker.Request(ledger, p, vector);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    granted = decision.Granted,
                    reason = decision.Reason,
                    sequence = Format.Names(ledger, decision.SafeSequence),
                    unfinished = Format.Names(ledger, decision.Unfinished),
                });
            }
            else
            {
                Render(context.Console, ledger, p, vector, decision);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    public static void Render(IAnsiConsole console, ResourceLedger ledger, int p, int[] request, RequestDecision decision)
    {
        string who = Format.Escape(ledger.ProcessName(p));
        var need = new int[ledger.ResourceCount];
        ledger.Need(p, need);
        console.MarkupLine($"{who} requests {Format.Vector(request)}; its Need is {Format.Vector(need)}, Available is {Format.Vector(ledger.Available)}");
        string text = decision.Outcome switch
        {
            RequestOutcome.Granted => $"[green]GRANTED[/]: the state after it is safe: {Format.Escape(Format.Sequence(Format.Names(ledger, decision.SafeSequence)))}",
            RequestOutcome.ExceedsClaim => $"[red]ERROR[/] (exceeds-claim): {who} asks for more than its declared maximum claim allows (Need {Format.Vector(need)})",
            RequestOutcome.ExceedsAvailable => $"[yellow]WAIT[/] (exceeds-available): not enough is free (Available {Format.Vector(ledger.Available)})",
            _ => $"[yellow]WAIT[/] (unsafe): granting it would leave no safe sequence; {Format.Escape(string.Join(", ", Format.Names(ledger, decision.Unfinished)))} could not finish",
        };
        console.MarkupLine(text);
    }
}
