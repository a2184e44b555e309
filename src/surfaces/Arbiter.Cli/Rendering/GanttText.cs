using System.Globalization;
using System.Text;
using Arbiter.Core.Scheduling.Simulation;

namespace Arbiter.Cli.Rendering;

/// <summary>
/// A Gantt chart in plain text, one row per job: <c>#</c> running (the CPU's number instead when there are several
/// CPUs), <c>.</c> ready but waiting, <c>~</c> blocked on I/O, blank before arrival and after completion. Long runs
/// are scaled so that one column covers several ticks and shows what the job did most in them.
/// </summary>
internal static class GanttText
{
    public static List<string> Render(SimulationResult result, int width = 100, int maxJobs = 30)
    {
        long start = result.Run.Start, span = Math.Max(1, result.Run.Span);
        long perColumn = (span + width - 1) / width;
        int columns = (int)((span + perColumn - 1) / perColumn);
        int shown = Math.Min(maxJobs, result.Jobs.Count);
        int nameWidth = Math.Max(4, result.Jobs.Take(shown).Max(j => j.Name.Length));
        var run = new long[shown][];
        var io = new long[shown][];
        var cpu = new int[shown][];
        for (int j = 0; j < shown; j++)
        {
            (run[j], io[j], cpu[j]) = (new long[columns], new long[columns], new int[columns]);
        }

        foreach (var s in result.Timeline.Where(s => s.Job < shown))
        {
            Spread(s.Start, s.End, start, perColumn, run[s.Job], column => cpu[s.Job][column] = s.Cpu);
        }

        foreach (var s in result.Io.Where(s => s.Job < shown))
        {
            Spread(s.Start, s.End, start, perColumn, io[s.Job], null);
        }

        var lines = new List<string> { new string(' ', nameWidth + 1) + Axis(columns, start, perColumn) };
        for (int j = 0; j < shown; j++)
        {
            var m = result.Jobs[j];
            var present = new long[columns];
            Spread(m.Arrival, m.Completion, start, perColumn, present, null);
            var row = new StringBuilder(columns);
            for (int c = 0; c < columns; c++)
            {
                long waiting = present[c] - run[j][c] - io[j][c];
                row.Append(present[c] == 0 ? ' '
                    : run[j][c] > 0 && run[j][c] >= waiting && run[j][c] >= io[j][c] ? (result.Cpus > 1 ? (char)('0' + (cpu[j][c] % 10)) : '#')
                    : waiting > 0 && waiting >= io[j][c] ? '.'
                    : '~');
            }

            lines.Add(m.Name.PadRight(nameWidth) + " " + row.ToString().TrimEnd());
        }

        if (shown < result.Jobs.Count)
        {
            lines.Add($"… and {result.Jobs.Count - shown} more job(s) not drawn");
        }

        string scale = perColumn == 1 ? "1 column = 1 tick" : $"1 column = {perColumn} ticks";
        lines.Add($"{(result.Cpus > 1 ? "0-9 running on that CPU" : "# running")}, . ready, ~ I/O; {scale}");
        return lines;
    }

    private static void Spread(long from, long to, long origin, long perColumn, long[] counts, Action<int>? mark)
    {
        for (long t = from; t < to;)
        {
            int column = (int)((t - origin) / perColumn);
            long columnEnd = origin + ((column + 1) * perColumn);
            long end = Math.Min(to, columnEnd);
            if (column < counts.Length)
            {
                counts[column] += end - t;
                mark?.Invoke(column);
            }

            t = end;
        }
    }

    private static string Axis(int columns, long start, long perColumn)
    {
        var axis = new char[columns + 12];
        Array.Fill(axis, ' ');
        for (int c = 0; c < columns; c += 10)
        {
            string label = (start + (c * perColumn)).ToString(CultureInfo.InvariantCulture);
            if (c + label.Length <= axis.Length)
            {
                label.CopyTo(0, axis, c, label.Length);
            }
        }

        return new string(axis).TrimEnd();
    }
}
