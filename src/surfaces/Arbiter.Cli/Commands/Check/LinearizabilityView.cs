using System.Globalization;
using Arbiter.Core.Distributed.Linearizability;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Check;

/// <summary>Human output of <c>arbiter check linearizability</c>: the per-key table, then each violation's evidence.</summary>
internal static class LinearizabilityView
{
    private const int PrefixShown = 8;

    public static void Render(IAnsiConsole console, string path, LinearizabilityResult result, bool showOrder)
    {
        var history = result.History;
        console.WriteLine($"{path}: {Plural(history.Count, "operation")} on {Plural(result.Keys.Count, "key")}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("key", "operations", "verdict", "steps");
        table.Columns[1].RightAligned();
        table.Columns[3].RightAligned();
        foreach (KeyResult key in result.Keys)
        {
            string verdict = key.Verdict switch
            {
                LinearizabilityVerdict.Linearizable => "[green]linearizable[/]",
                LinearizabilityVerdict.NotLinearizable => "[red]NOT linearizable[/]",
                _ => "[yellow]undecided (budget spent)[/]",
            };
            table.AddRow(Markup.Escape(key.Key), Count(key.Operations.Count), verdict, Count(key.Steps));
        }

        if (result.Keys.Count > 0)
        {
            console.Write(table);
        }

        if (result.DroppedFailed + result.DroppedUnknownReads > 0)
        {
            console.WriteLine($"Left out: {Plural(result.DroppedFailed, "failed operation")} (no effect), {Plural(result.DroppedUnknownReads, "unknown get")} (no effect, no known output).");
        }

        foreach (KeyResult key in result.Keys)
        {
            if (key.Violation is { } violation)
            {
                Evidence(console, history, key, violation);
            }
            else if (showOrder && key.Verdict == LinearizabilityVerdict.Linearizable)
            {
                console.WriteLine();
                console.WriteLine($"Key {key.Key}: one linearization ({key.Linearization.Count} operations):");
                foreach (var (index, position) in key.Linearization.Select((i, p) => (i, p + 1)))
                {
                    console.WriteLine($"  {position,3}. {Describe(history[index])}");
                }
            }
        }

        console.WriteLine();
        console.WriteLine(result.Verdict switch
        {
            LinearizabilityVerdict.Linearizable => $"Verdict: linearizable ({Count(result.Steps)} search steps).",
            LinearizabilityVerdict.NotLinearizable => $"Verdict: NOT linearizable (key {string.Join(", ", result.Keys.Where(k => k.Verdict == LinearizabilityVerdict.NotLinearizable).Select(k => k.Key))}).",
            _ => $"Verdict: undecided: the step budget ran out on key {string.Join(", ", result.Keys.Where(k => k.Verdict == LinearizabilityVerdict.Undecided).Select(k => k.Key))} (raise --max-steps).",
        });
    }

    private static void Evidence(IAnsiConsole console, IReadOnlyList<HistoryOperation> history, KeyResult key, ViolationEvidence violation)
    {
        var prefix = violation.LongestPrefix;
        console.WriteLine();
        console.WriteLine($"Key {key.Key}: NOT linearizable. Longest linearizable prefix: {prefix.Count} of {key.Operations.Count} operations.");
        int skipped = Math.Max(0, prefix.Count - PrefixShown);
        if (skipped > 0)
        {
            console.WriteLine($"  … {skipped} earlier operations");
        }

        for (int p = skipped; p < prefix.Count; p++)
        {
            console.WriteLine($"  {p + 1,3}. {Describe(history[prefix[p]])}");
        }

        console.WriteLine($"  value after the prefix: {HistoryOperation.Show(violation.ValueAfterPrefix)}");
        console.WriteLine("  cannot come next:");
        foreach (StuckOperation stuck in violation.Stuck)
        {
            console.WriteLine($"    ✗ {Describe(history[stuck.Index])}: {stuck.Reason}");
        }

        var shown = prefix.Skip(skipped).Select(i => (Index: i, Mark: "✓")).Concat(violation.Stuck.Select(s => (s.Index, Mark: "✗"))).ToList();
        console.WriteLine("  timeline (✓ in the prefix, ✗ cannot come next; time →):");
        foreach (string line in Timeline.Draw(shown.Select(s => (history[s.Index], s.Mark)).ToList()))
        {
            console.WriteLine("    " + line);
        }
    }

    private static string Describe(HistoryOperation op) =>
        string.Create(CultureInfo.InvariantCulture, $"line {op.Line}  client {op.Client}  {op} {LinearizabilityCommand.Interval(op)}");

    private static string Plural(long n, string noun) => $"{Count(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
