using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Check;

/// <summary><c>arbiter check …</c>: correctness checkers run over recorded histories (Jepsen-style).</summary>
internal static class CheckCommands
{
    public static Command Build(CliContext context)
    {
        var check = new Command("check", """
            Correctness checkers over recorded histories: is what the clients saw possible for a correct system?

            Examples:
              arbiter check linearizability examples/histories/linearizable.jsonl
              arbiter check linearizability examples/histories/stale-read.jsonl --json
            """);
        check.Subcommands.Add(LinearizabilityCommand.Build(context));
        return check;
    }
}
