using System.Globalization;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Scheduling.Simulation;
using Arbiter.Core.Scheduling.Workload;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Sched;

/// <summary>How a scheduling run is shown: the JSON shape, the per-job table, the summary line and the SVG caption.</summary>
internal static class SchedReport
{
    public const int MaxTableRows = 100;

    public static object Average(SimulationResult r) => new
    {
        response = Round(r.Run.AverageResponse),
        turnaround = Round(r.Run.AverageTurnaround),
        wait = Round(r.Run.AverageWait),
    };

    public static object Run(SimulationResult r) => new
    {
        start = r.Run.Start,
        end = r.Run.End,
        throughput = Round(r.Throughput),
        utilisation = Round(r.Utilisation),
        context_switches = r.Run.ContextSwitches,
        fairness = r.Run.Fairness is { } f ? Round(f) : (double?)null,
        fairness_window = new[] { r.Run.FairnessWindowStart, r.Run.FairnessWindowEnd },
        events = r.Run.Events,
    };

    public static IEnumerable<object> Jobs(SimulationResult r, JobList jobs) => r.Jobs.Select(m => new
    {
        id = m.Name,
        arrival = m.Arrival,
        length = m.Length,
        response = m.Response,
        turnaround = m.Turnaround,
        wait = m.Wait,
        first_run = m.FirstRun,
        completion = m.Completion,
        blocked = m.Blocked,
        io = jobs[m.Job].Io?.ToString(),
        priority = jobs[m.Job].Priority,
        tickets = jobs[m.Job].Tickets,
        nice = jobs[m.Job].Nice,
    });

    public static IEnumerable<object> Timeline(SimulationResult r) =>
        r.Timeline.Select(s => new { job = r.Jobs[s.Job].Name, cpu = s.Cpu, start = s.Start, end = s.End });

    public static IEnumerable<object> Io(SimulationResult r) =>
        r.Io.Select(s => new { job = r.Jobs[s.Job].Name, start = s.Start, end = s.End });

    public static Table JobTable(SimulationResult r, JobList jobs, string policy)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Job");
        foreach (string h in new[] { "Arrival", "Length" })
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        bool io = jobs.Jobs.Any(j => j.Io is not null);
        string? attribute = policy switch { "priority" => "Priority", "lottery" or "stride" => "Tickets", "cfs" => "Nice", _ => null };
        if (io)
        {
            table.AddColumn(new TableColumn("I/O").RightAligned());
        }

        if (attribute is not null)
        {
            table.AddColumn(new TableColumn(attribute).RightAligned());
        }

        foreach (string h in new[] { "Response", "Turnaround", "Wait" })
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var m in r.Jobs.Take(MaxTableRows))
        {
            Job job = jobs[m.Job];
            var row = new List<string> { Format.Escape(m.Name), N(m.Arrival), N(m.Length) };
            if (io)
            {
                row.Add(job.Io?.ToString() ?? "-");
            }

            if (attribute is not null)
            {
                row.Add(N(attribute switch { "Priority" => job.Priority, "Tickets" => job.Tickets, _ => job.Nice }));
            }

            row.AddRange([N(m.Response), N(m.Turnaround), N(m.Wait)]);
            table.AddRow(row.ToArray());
        }

        if (r.Jobs.Count > MaxTableRows)
        {
            table.AddRow($"… {r.Jobs.Count - MaxTableRows} more");
        }

        var average = new List<string> { "average", "", "" };
        average.AddRange(Enumerable.Repeat("", (io ? 1 : 0) + (attribute is null ? 0 : 1)));
        average.AddRange([D(r.Run.AverageResponse), D(r.Run.AverageTurnaround), D(r.Run.AverageWait)]);
        table.AddRow(average.ToArray());
        return table;
    }

    public static string Summary(SimulationResult r) =>
        $"ticks {r.Run.Start}–{r.Run.End}; throughput {D(r.Throughput * 100)} jobs per 100 ticks; CPU utilisation {D(r.Utilisation * 100)}%; "
        + $"context switches {r.Run.ContextSwitches}{Environment.NewLine}{FairnessText(r)}";

    public static string FairnessText(SimulationResult r) => r.Run.Fairness is { } f
        ? $"Jain's fairness {f.ToString("0.000", CultureInfo.InvariantCulture)} (ticks {r.Run.FairnessWindowStart}–{r.Run.FairnessWindowEnd})"
        : "Jain's fairness n/a (a job finished before the last arrived)";

    public static string Caption(SimulationResult r) =>
        $"avg response {D(r.Run.AverageResponse)} · avg turnaround {D(r.Run.AverageTurnaround)} · avg wait {D(r.Run.AverageWait)} · "
        + $"switches {r.Run.ContextSwitches} · fairness {(r.Run.Fairness is { } f ? f.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")}";

    public static void WriteGantt(IAnsiConsole console, SimulationResult r)
    {
        foreach (string line in GanttText.Render(r))
        {
            console.WriteLine(line);
        }
    }

    /// <summary>Checks that the runs are small enough to draw, before anything is written.</summary>
    public static void RequireDrawable(string option, SimulationResult r)
    {
        if (r.Jobs.Count > GanttSvg.MaxJobs || r.Timeline.Count + r.Io.Count > GanttSvg.MaxSegments)
        {
            throw new App.InputException($"{option}: {r.Jobs.Count} jobs in {r.Timeline.Count + r.Io.Count} segments are too many to draw (at most {GanttSvg.MaxJobs} jobs and {GanttSvg.MaxSegments} segments)");
        }
    }

    public static string D(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 4);
}
