using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Simulation;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Sched;

/// <summary><c>arbiter sched --policy P …</c>: run a workload under one CPU scheduling policy; <c>sched compare</c> under several.</summary>
internal static class SchedCommands
{
    public static Command Build(CliContext context)
    {
        var input = new SchedInput();
        var policy = new Option<string?>("--policy", "-p") { Description = $"The policy: {string.Join(", ", PolicyCatalog.Names)}" };
        var command = new Command("sched", """
            CPU scheduling simulator (ready queue → scheduler → CPU): runs the jobs under one policy and prints each
            job's response (first run − arrival), turnaround (completion − arrival) and wait (time ready but not
            running), the averages, throughput, CPU utilisation, context switches, Jain's fairness index, and a Gantt
            chart (--svg for a picture). Time is in integer ticks. Exact rules: docs/concepts/scheduling.md.

            Policies: fifo, sjf (shortest job first), stcf (preemptive, shortest time to completion), rr (round robin,
            --quantum), priority (preemptive, prio=N per job, 0 most urgent, --aging), mlfq (--queues, --quanta,
            --allotments, --boost, --io-resets, --io-front), lottery (tickets=N, --seed), stride (tickets=N),
            cfs (nice=N, --target-latency, --min-granularity).

            Examples:
              arbiter sched --policy fifo --jobs 10,10,10
              arbiter sched --policy stcf --jobs 0:100,10:10,10:10
              arbiter sched -p rr -q 1 --jobs 5,5,5 --svg rr.svg
              arbiter sched -p mlfq --jobs 0:200,100:20 --quantum 10 --boost 50
              arbiter sched -p stride -q 1 --jobs 20:tickets=100,20:tickets=50,20:tickets=250
              arbiter sched -p cfs --file examples/sched/nice.yaml --json
              arbiter sched -p rr --random 5 --seed 3 --max-length 20 --cpus 2
              arbiter sched compare --jobs 0:100,10:10,10:10 --policies fifo,sjf,stcf,rr,mlfq,cfs
            """);
        command.Options.Add(policy);
        input.AddTo(command);
        command.Subcommands.Add(SchedCompareCommand.Build(context));
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string name = SchedInput.Policy(parse.GetValue(policy), "--policy");
            var settings = input.Settings(parse);
            int cpus = input.CpuCount(parse);
            var jobs = input.Workload(parse);
            string? svgPath = parse.GetValue(input.Svg);
            bool json = parse.GetValue(input.Json);
            var result = Simulator.Run(jobs, Create(name, settings), new SimulationOptions(cpus));

            string description = SchedInput.Describe(name, settings);
            string title = $"{name}{(description.Length > 0 ? $" ({description})" : "")}, {cpus} CPU{(cpus > 1 ? "s" : "")}, {jobs.Count} job{(jobs.Count > 1 ? "s" : "")}";
            if (svgPath is not null)
            {
                SchedReport.RequireDrawable("--svg", result);
                AtomicFile.Write(svgPath, GanttSvg.Render([(title, SchedReport.Caption(result), result)]));
            }

            if (json)
            {
                context.Json(new
                {
                    policy = name,
                    settings = description,
                    cpus,
                    jobs = SchedReport.Jobs(result, jobs),
                    average = SchedReport.Average(result),
                    run = SchedReport.Run(result),
                    timeline = SchedReport.Timeline(result),
                    io = SchedReport.Io(result),
                    written = svgPath,
                });
            }
            else
            {
                context.Console.MarkupLine(Format.Escape(title));
                context.Console.Write(SchedReport.JobTable(result, jobs, name));
                context.Console.WriteLine(SchedReport.Summary(result));
                context.Console.WriteLine();
                SchedReport.WriteGantt(context.Console, result);
                if (svgPath is not null)
                {
                    context.Console.WriteLine($"wrote {svgPath}");
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    /// <summary>A policy from the catalog; its option errors become one-line input errors.</summary>
    public static ISchedulingPolicy Create(string name, PolicySettings settings)
    {
        try
        {
            return PolicyCatalog.Create(name, settings);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{name}: {e.Message}", e);
        }
    }
}
