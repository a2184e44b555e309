using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Output;

/// <summary>The worked reduction, step by step, as a learner writes it on paper: who finishes, with what Work.</summary>
internal static class ReductionTable
{
    public static Table Build(ResourceLedger ledger, ReductionExplanation explanation, string demandName)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Work starts at Available {Format.ResourceHeader(ledger)} = {Format.Vector(ledger.Available)}");
        table.AddColumn(new TableColumn("Step").RightAligned());
        table.AddColumn("Finishes");
        table.AddColumn(new TableColumn(demandName).RightAligned());
        table.AddColumn(new TableColumn("≤ Work").RightAligned());
        table.AddColumn(new TableColumn("Work after").RightAligned());
        int step = 1;
        foreach (var s in explanation.Steps)
        {
            table.AddRow(
                (step++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Escape(ledger.ProcessName(s.Process)),
                Format.Vector(s.Demand.ToArray()),
                Format.Vector(s.WorkBefore),
                Format.Vector(s.WorkAfter));
        }

        foreach (int p in explanation.Stuck)
        {
            table.AddRow("[red]–[/]", $"[red]{Format.Escape(ledger.ProcessName(p))} cannot[/]", $"[red]{Format.Vector(Demand(ledger, p, demandName))}[/]", $"[red]> {Format.Vector(explanation.FinalWork)}[/]", "");
        }

        return table;
    }

    private static int[] Demand(ResourceLedger ledger, int p, string demandName)
    {
        if (demandName == "Request")
        {
            return ledger.Request(p).ToArray();
        }

        var need = new int[ledger.ResourceCount];
        ledger.Need(p, need);
        return need;
    }
}
