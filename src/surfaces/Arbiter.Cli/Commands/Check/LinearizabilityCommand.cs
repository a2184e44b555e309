using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Cli.Commands.Check;

/// <summary>
/// <c>arbiter check linearizability FILE</c>: reads a JSON-lines client history and checks it key by key with the
/// Wing–Gong–Lowe search. Exit 0 whatever the verdict (a violation is an answer); exit 2 for a bad file.
/// </summary>
internal static class LinearizabilityCommand
{
    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "History: JSON lines, one operation each (see below)" };
        var json = CommonOptions.Json();
        var maxSteps = new Option<long>("--max-steps")
        {
            Description = $"Search steps allowed per key before it is reported undecided (default {CheckOptions.DefaultMaxSteps:N0})",
            DefaultValueFactory = _ => CheckOptions.DefaultMaxSteps,
        };
        var order = new Option<bool>("--linearization") { Description = "Also print one linearization order for each linearizable key" };
        var command = new Command("linearizability", """
            Is a key-value history linearizable (Herlihy & Wing 1990)? Is there one order of the operations,
            consistent with real time (a before b when a returned before b was called), in which every output is what
            a single sequential store would answer? Each key is checked on its own (linearizability is local) by the
            Wing & Gong search with Lowe's memo cache, as in Porcupine. A violation shows the longest linearizable
            prefix and the operations that cannot come next, with a timeline.

            The file has one JSON object per line:
              {"client": 3, "op": "get|put|cas|del", "key": "k", "value": "v", "expected": "old",
               "call": 120, "return": 180, "output": "v", "status": "ok|fail|unknown"}
            call/return: integers on one clock (any unit; touching intervals overlap). get: output is the value read
            (null or absent: the key was absent). cas: if current == expected (null: absent) set value; output
            true/false. status fail: no effect, left out. status unknown: may take effect any time after call
            (return ignored); an unknown get is left out.

            Exit code 0 whatever the verdict; 2 for a bad file (file:line and the field).

            Examples:
              arbiter check linearizability examples/histories/linearizable.jsonl --linearization
              arbiter check linearizability examples/histories/stale-read.jsonl
              arbiter check linearizability examples/histories/unknown-write.jsonl --json
              arbiter check linearizability run.jsonl --max-steps 100000000
            """) { file, json, maxSteps, order };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            long budget = parse.GetValue(maxSteps);
            if (budget < 1)
            {
                throw new InputException($"--max-steps: must be at least 1, got {budget}");
            }

            string path = parse.GetValue(file)!;
            IReadOnlyList<HistoryOperation> history = Load(path);
            LinearizabilityResult result = LinearizabilityChecker.Check(history, new CheckOptions { MaxSteps = budget });
            if (parse.GetValue(json))
            {
                context.Json(LinearizabilityDocument.Build(path, result, budget));
            }
            else
            {
                LinearizabilityView.Render(context.Console, path, result, parse.GetValue(order));
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static IReadOnlyList<HistoryOperation> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, expected a history file" : $"{path}: no such file");
        }

        try
        {
            using var reader = new StreamReader(path);
            return HistoryReader.Read(reader, path);
        }
        catch (HistoryFormatException e)
        {
            throw new InputException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>The verdict as written in JSON and tables.</summary>
    public static string Name(LinearizabilityVerdict verdict) => verdict switch
    {
        LinearizabilityVerdict.Linearizable => "linearizable",
        LinearizabilityVerdict.NotLinearizable => "not_linearizable",
        _ => "undecided",
    };

    /// <summary>An interval as <c>[call, return]</c>, with ∞ for an unknown outcome.</summary>
    public static string Interval(HistoryOperation op) =>
        string.Create(CultureInfo.InvariantCulture, $"[{op.Call}, {(op.Status == OperationStatus.Unknown ? "∞" : op.Return?.ToString(CultureInfo.InvariantCulture))}]");
}
