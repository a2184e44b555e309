using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Scheduling.Simulation;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Sched;

/// <summary><c>arbiter sched compare --jobs … --policies fifo,sjf,rr,mlfq,cfs</c>: one workload under several policies, side by side.</summary>
internal static class SchedCompareCommand
{
    public const int MaxGanttJobs = 12;

    public static Command Build(CliContext context)
    {
        var input = new SchedInput();
        var policies = new Option<string>("--policies", "-P") { Description = "Comma-separated policies (default fifo,sjf,rr,mlfq,cfs)", DefaultValueFactory = _ => "fifo,sjf,rr,mlfq,cfs" };
        var command = new Command("compare", """
            Runs the same workload under each policy and shows them side by side: average response, turnaround and
            wait, context switches and Jain's fairness index, the best of each column marked with *, then one text
            Gantt chart per policy (workloads of up to 12 jobs); --svg draws all of them on one time axis.
            Policy options (--quantum, --boost, …) apply to every policy that reads them.

            Examples:
              arbiter sched compare --jobs 0:100,10:10,10:10
              arbiter sched compare --jobs 5,5,5 --policies fifo,rr --quantum 1
              arbiter sched compare --file examples/sched/interactive.yaml --policies fifo,rr,mlfq,cfs --svg compare.svg
              arbiter sched compare --random 8 --seed 2 --max-arrival 20 --policies fifo,sjf,stcf,rr,mlfq,lottery,stride,cfs --json
            """) { policies };
        input.AddTo(command);
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var names = parse.GetValue(policies)!.Split(',', StringSplitOptions.TrimEntries).Select(p => SchedInput.Policy(p, "--policies")).ToList();
            var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InputException($"--policies: '{duplicate.Key}' is listed twice");
            }

            var settings = input.Settings(parse);
            int cpus = input.CpuCount(parse);
            var jobs = input.Workload(parse);
            string? svgPath = parse.GetValue(input.Svg);
            var runs = names.Select(n => (Name: n, Result: Simulator.Run(jobs, SchedCommands.Create(n, settings), new SimulationOptions(cpus)))).ToList();
            string Title(string n) => SchedInput.Describe(n, settings) is { Length: > 0 } d ? $"{n} ({d})" : n;
            if (svgPath is not null)
            {
                runs.ForEach(r => SchedReport.RequireDrawable("--svg", r.Result));
                AtomicFile.Write(svgPath, GanttSvg.Render(runs.Select(r => (Title(r.Name), SchedReport.Caption(r.Result), r.Result)).ToList()));
            }

            if (parse.GetValue(input.Json))
            {
                context.Json(new
                {
                    cpus,
                    policies = runs.Select(r => new
                    {
                        policy = r.Name,
                        settings = SchedInput.Describe(r.Name, settings),
                        average = SchedReport.Average(r.Result),
                        run = SchedReport.Run(r.Result),
                        jobs = SchedReport.Jobs(r.Result, jobs),
                        timeline = SchedReport.Timeline(r.Result),
                    }),
                    written = svgPath,
                });
                return ArbiterApp.Ok;
            }

            context.Console.WriteLine($"{jobs.Count} job{(jobs.Count > 1 ? "s" : "")}, {cpus} CPU{(cpus > 1 ? "s" : "")}, {runs.Count} policies");
            context.Console.Write(Table(runs));
            context.Console.WriteLine("* best in its column; fairness: Jain's index of CPU share per entitlement from the last arrival to the first completion");
            foreach (var (name, _) in runs.Where(r => SchedInput.Describe(r.Name, settings).Length > 0))
            {
                context.Console.WriteLine($"{name}: {SchedInput.Describe(name, settings)}");
            }

            if (jobs.Count <= MaxGanttJobs)
            {
                foreach (var (name, result) in runs)
                {
                    context.Console.WriteLine();
                    context.Console.WriteLine(Title(name));
                    SchedReport.WriteGantt(context.Console, result);
                }
            }

            if (svgPath is not null)
            {
                context.Console.WriteLine($"wrote {svgPath}");
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static Table Table(List<(string Name, SimulationResult Result)> runs)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Policy");
        var columns = new (string Header, Func<SimulationResult, double?> Value, bool HigherIsBetter)[]
        {
            ("Avg response", r => r.Run.AverageResponse, false),
            ("Avg turnaround", r => r.Run.AverageTurnaround, false),
            ("Avg wait", r => r.Run.AverageWait, false),
            ("Switches", r => r.Run.ContextSwitches, false),
            ("Fairness", r => r.Run.Fairness, true),
            ("Last completion", r => r.Run.End, false),
        };
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(c.Header).RightAligned());
        }

        var best = columns.Select(c =>
        {
            var values = runs.Select(r => c.Value(r.Result)).OfType<double>().ToList();
            return values.Count == 0 ? (double?)null : c.HigherIsBetter ? values.Max() : values.Min();
        }).ToArray();
        foreach (var (title, result) in runs)
        {
            var row = new List<string> { Format.Escape(title) };
            for (int i = 0; i < columns.Length; i++)
            {
                double? v = columns[i].Value(result);
                string text = v is null ? "n/a" : i == 4 ? v.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : SchedReport.D(v.Value);
                row.Add(v is not null && Math.Abs(v.Value - best[i]!.Value) < 1e-9 ? text + " *" : text + "  ");
            }

            table.AddRow(row.ToArray());
        }

        return table;
    }
}
