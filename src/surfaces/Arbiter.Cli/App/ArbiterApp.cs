using System.CommandLine;
using Arbiter.Cli.Commands;
using Arbiter.Core.Resources;

namespace Arbiter.Cli.App;

/// <summary>
/// The <c>arbiter</c> command tree and the contract every subcommand shares: exit 0 when the command ran (whatever
/// the answer), 2 for bad input or usage (one line on stderr, nothing written), 1 for an internal fault.
/// </summary>
internal static class ArbiterApp
{
    public const int Ok = 0;
    public const int Fault = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, bool terminal)
    {
        var context = new CliContext(output, error, terminal);
        RootCommand root = Build(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string command = string.Join(' ', CommandPath(parse.CommandResult.Command));
            // An unknown word explains more than the "required command" error it causes.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            error.WriteLine($"arbiter: {first.Message} (see '{command} --help')");
            return BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("""
            Arbiter: one engine that decides who runs, who waits and what is isolated.

            Examples:
              arbiter lab tour
              arbiter bankers check examples/deadlock/bankers-10.yaml
              arbiter deadlock detect examples/deadlock/detection-seed.yaml --json
            """);
        root.Subcommands.Add(BankersCommands.Build(context));
        root.Subcommands.Add(DeadlockCommands.Build(context));
        root.Subcommands.Add(LabCommands.Build(context));
        root.Subcommands.Add(Commands.Sched.SchedCommands.Build(context));
        root.Subcommands.Add(Commands.Rootfs.RootfsCommands.Build(context));
        root.Subcommands.Add(Commands.Sim.SimCommands.Build(context));
        root.Subcommands.Add(Commands.Node.NodeCommands.Build(context));
        root.Subcommands.Add(Commands.Paging.PagingCommand.Build(context));
        root.Subcommands.Add(Commands.Vm.VmCommands.Build(context));
        root.Subcommands.Add(Commands.Run.RunCommand.Build(context));
        root.Subcommands.Add(Commands.Oci.OciCommands.Build(context));
        root.Subcommands.Add(Commands.Bench.BenchCommands.Build(context));
        root.Subcommands.Add(Commands.Check.CheckCommands.Build(context));
        Command store = Commands.Store.StoreCommands.Build(context);
        store.Subcommands.Add(Commands.StoreWorkload.StoreWorkloadCommand.Build(context));
        store.Subcommands.Add(Commands.StoreServe.StoreServeCommand.Build(context));
        store.Subcommands.Add(Commands.StoreMember.StoreMemberCommand.Build(context));
        root.Subcommands.Add(store);
        return root;
    }

    /// <summary>Runs a command body under the shared error contract.</summary>
    public static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            context.Err.WriteLine($"arbiter: {e.Message}");
            return BadInput;
        }
        catch (LedgerValidationException e)
        {
            context.Err.WriteLine($"arbiter: {(e.Field.Length > 0 ? e.Field + ": " : "")}{e.Message}");
            return BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("ARBITER_DEBUG") is null)
        {
            context.Err.WriteLine($"arbiter: internal error: {e.GetType().Name}: {e.Message} (set ARBITER_DEBUG=1 for a stack trace)");
            return Fault;
        }
    }

    private static Stack<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(c is RootCommand ? "arbiter" : c.Name);
        }

        return names;
    }
}
