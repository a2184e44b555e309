using System.Globalization;
using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Cli.Commands.Check;

/// <summary>
/// A small ASCII timeline of operations: one row each, in call order, <c>|====|</c> from call to return on a shared
/// scale (an unknown operation runs off to the right: <c>|=====&gt;</c>). Enough to see which intervals overlap.
/// </summary>
internal static class Timeline
{
    private const int Width = 48;

    public static IReadOnlyList<string> Draw(IReadOnlyList<(HistoryOperation Op, string Mark)> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var sorted = rows.OrderBy(r => r.Op.Call).ToList();
        long start = sorted.Min(r => r.Op.Call);
        long end = Math.Max(sorted.Max(r => r.Op.Call), sorted.Where(r => r.Op.Status != OperationStatus.Unknown).Select(r => r.Op.Return ?? 0).DefaultIfEmpty(0).Max());
        double scale = end > start ? (Width - 1) / (double)(end - start) : 0;
        var labels = sorted.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Mark} L{r.Op.Line} c{r.Op.Client} {r.Op}")).ToList();
        int labelWidth = labels.Max(l => l.Length);
        var lines = new List<string>();
        for (int i = 0; i < sorted.Count; i++)
        {
            HistoryOperation op = sorted[i].Op;
            int from = Column(op.Call, start, scale);
            var bar = new char[Width + 1];
            Array.Fill(bar, ' ');
            if (op.Status == OperationStatus.Unknown)
            {
                bar[from] = '|';
                for (int c = from + 1; c < Width; c++)
                {
                    bar[c] = '=';
                }

                bar[Width] = '>';
            }
            else
            {
                int to = Column(op.Return ?? op.Call, start, scale);
                for (int c = from; c <= to; c++)
                {
                    bar[c] = c == from || c == to ? '|' : '=';
                }
            }

            lines.Add($"{labels[i].PadRight(labelWidth)}  {new string(bar).TrimEnd()}");
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{new string(' ', labelWidth)}  {start}{new string(' ', Math.Max(1, Width - start.ToString(CultureInfo.InvariantCulture).Length - end.ToString(CultureInfo.InvariantCulture).Length))}{end}"));
        return lines;
    }

    private static int Column(long time, long start, double scale) => (int)Math.Round((time - start) * scale);
}
