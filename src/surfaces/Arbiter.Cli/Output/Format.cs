using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Output;

/// <summary>Small shared formatting for human output.</summary>
internal static class Format
{
    public static string Vector(ReadOnlySpan<int> v) => v.Length == 1 ? v[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : $"({string.Join(", ", v.ToArray())})";

    public static string Vector(IEnumerable<long> v)
    {
        var a = v.ToArray();
        return a.Length == 1 ? a[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : $"({string.Join(", ", a)})";
    }

    public static string[] Names(ResourceLedger ledger, IEnumerable<int> processes) => processes.Select(ledger.ProcessName).ToArray();

    public static string Sequence(IEnumerable<string> names) => string.Join(" → ", names);

    public static string Escape(string text) => Markup.Escape(text);

    /// <summary>Parses "1,0,2" (or "A=1,C=2") into a vector over the ledger's resources.</summary>
    public static int[] ParseVector(string text, ResourceLedger ledger, string option)
    {
        var vector = new int[ledger.ResourceCount];
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        bool named = parts.Any(p => p.Contains('=', StringComparison.Ordinal));
        if (!named && parts.Length != ledger.ResourceCount)
        {
            throw new App.InputException($"{option}: expected {ledger.ResourceCount} numbers ({string.Join(", ", ledger.ResourceNames)}), got {parts.Length} in '{text}'");
        }

        for (int i = 0; i < parts.Length; i++)
        {
            string valueText = parts[i];
            int r = i;
            if (named)
            {
                string[] kv = parts[i].Split('=', 2, StringSplitOptions.TrimEntries);
                r = ledger.IndexOfResource(kv[0]);
                if (kv.Length != 2 || r < 0)
                {
                    throw new App.InputException($"{option}: unknown resource '{kv[0]}' in '{text}' (resources are {string.Join(", ", ledger.ResourceNames)})");
                }

                valueText = kv[1];
            }

            if (!int.TryParse(valueText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) || value < 0)
            {
                throw new App.InputException($"{option}: '{valueText}' is not a whole number ≥ 0 (in '{text}')");
            }

            vector[r] = value;
        }

        return vector;
    }

    /// <summary>The ledger as a table: allocation, max, need, request per process.</summary>
    public static Table LedgerTable(ResourceLedger ledger, bool showMax, bool showRequest)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Process");
        table.AddColumn(new TableColumn("Allocation").RightAligned());
        if (showMax)
        {
            table.AddColumn(new TableColumn("Max").RightAligned());
            table.AddColumn(new TableColumn("Need").RightAligned());
        }

        if (showRequest)
        {
            table.AddColumn(new TableColumn("Request").RightAligned());
        }

        var need = new int[ledger.ResourceCount];
        for (int p = 0; p < ledger.ProcessCount; p++)
        {
            var row = new List<string> { Escape(ledger.ProcessName(p)), Vector(ledger.Allocation(p)) };
            if (showMax)
            {
                ledger.Need(p, need);
                row.Add(ledger.HasDeclaredMax(p) ? Vector(ledger.Max(p)) : "-");
                row.Add(ledger.HasDeclaredMax(p) ? Vector(need) : "-");
            }

            if (showRequest)
            {
                row.Add(Vector(ledger.Request(p)));
            }

            table.AddRow(row.ToArray());
        }

        return table;
    }

    public static string ResourceHeader(ResourceLedger ledger) =>
        ledger.ResourceCount == 1 ? ledger.ResourceNames[0] : $"({string.Join(", ", ledger.ResourceNames)})";
}
