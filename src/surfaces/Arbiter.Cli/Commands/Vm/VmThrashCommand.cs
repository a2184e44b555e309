using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Commands.Paging;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Memory.Paging;
using Arbiter.Core.Memory.Replacement;
using Arbiter.Core.Memory.Traces;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Vm;

/// <summary><c>arbiter vm thrash</c>: fault rate and effective access time against frames, for a working set that may not fit.</summary>
internal static class VmThrashCommand
{
    public static Command Build(CliContext context)
    {
        var policy = PagingInput.PolicyOption("lru");
        var workingSet = new Option<int>("--working-set", "-w") { Description = "Pages the program loops over (default 16)", DefaultValueFactory = _ => 16 };
        var pages = new Option<int>("--pages") { Description = "Pages in the whole address space, for the stray references (default 64)", DefaultValueFactory = _ => 64 };
        var locality = new Option<double>("--locality") { Description = "Share of references that follow the loop; the rest are random (default 0.95)", DefaultValueFactory = _ => 0.95 };
        var length = new Option<int>("--length", "-n") { Description = "References (default 20000)", DefaultValueFactory = _ => 20_000 };
        var frames = new Option<string?>("--frames", "-f") { Description = "Frame counts A..B (default 1..(2 × working set))" };
        var seed = PagingInput.SeedOption();
        var memoryTime = new Option<string>("--memory-time") { Description = "Time of one memory access (default 200ns, as Silberschatz §10.2.2)", DefaultValueFactory = _ => "200ns" };
        var faultTime = new Option<string>("--fault-time") { Description = "Time to service a page fault (default 8ms)", DefaultValueFactory = _ => "8ms" };
        var json = CommonOptions.Json();
        var svg = new Option<string?>("--svg") { Description = "Also draw fault rate against frames as an SVG file" };
        var command = new Command("thrash", """
            Thrashing: a program loops over a working set of --working-set pages (with a few stray references to other
            pages, --locality). For each frame count the replacement policy runs the same references, and the table
            gives the fault rate and the effective access time (1 − p) × memory time + p × fault time. With fewer
            frames than the working set, LRU and FIFO evict each page just before the loop needs it again: nearly every
            reference faults and memory becomes thousands of times slower. At the working set the rate collapses.

            Examples:
              arbiter vm thrash
              arbiter vm thrash --working-set 12 --frames 1..20 --policy fifo
              arbiter vm thrash --policy mru --working-set 16 --json
              arbiter vm thrash --svg thrash.svg
            """) { policy, workingSet, pages, locality, length, frames, seed, memoryTime, faultTime, json, svg };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var kind = PagingInput.Policy(parse.GetValue(policy)!);
            int w = parse.GetValue(workingSet);
            LabInput.RequireCount("--working-set", w, 1_000_000);
            int p = parse.GetValue(pages);
            if (p < w || p > 1_000_000_000)
            {
                throw new InputException($"--pages: must be at least the working set ({w}) and at most 1000000000, got {p}");
            }

            double l = parse.GetValue(locality);
            if (!(l >= 0 && l <= 1))
            {
                throw new InputException($"--locality: must be between 0 and 1, got {l.ToString(CultureInfo.InvariantCulture)}");
            }

            int n = parse.GetValue(length);
            LabInput.RequireCount("--length", n, PagingInput.MaxReferences);
            var (min, max) = PagingInput.FrameRange(parse.GetValue(frames) ?? $"1..{Math.Min(2 * w, PagingInput.MaxFrames)}", maxPoints: 256);
            ulong s = PagingInput.Seed(parse, seed);
            double memoryNs = LabInput.ParseDuration(parse.GetValue(memoryTime)!, "--memory-time", TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1)).Ticks * 100.0;
            double faultNs = LabInput.ParseDuration(parse.GetValue(faultTime)!, "--fault-time", TimeSpan.Zero, TimeSpan.FromMinutes(1)).Ticks * 100.0;

            long[] trace = TraceGenerator.WorkingSet(n, w, p, l, s);
            var points = FrameSweep.Run(kind, trace, min, max, s);
            string name = ReplacementPolicies.Name(kind);
            string? svgPath = parse.GetValue(svg);
            string? picture = svgPath is null ? null : PagingCurveSvg.Render(
                $"{name.ToUpperInvariant()}: fault rate against frames (working set {w} pages, {n} references)", points, w);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    policy = name,
                    working_set = w,
                    pages = p,
                    locality = l,
                    references = n,
                    memory_ns = memoryNs,
                    fault_ns = faultNs,
                    points = points.Select(x => new
                    {
                        frames = x.Frames,
                        faults = x.Misses,
                        fault_rate = Math.Round(x.FaultRate, 6),
                        effective_access_ns = Math.Round(EffectiveAccessTime.Nanoseconds(x.FaultRate, memoryNs, faultNs), 3),
                        slowdown = Math.Round(EffectiveAccessTime.Nanoseconds(x.FaultRate, memoryNs, faultNs) / memoryNs, 3),
                    }),
                });
            }
            else
            {
                Render(context.Console, name, w, n, points, memoryNs, faultNs);
            }

            if (svgPath is not null)
            {
                AtomicFile.Write(svgPath, picture!);
                if (!parse.GetValue(json))
                {
                    context.Console.MarkupLine($"wrote {Format.Escape(svgPath)}");
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, string policy, int workingSet, int references, IReadOnlyList<SweepPoint> points, double memoryNs, double faultNs)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{policy}: working set {workingSet} pages, {references} references")
            .AddColumns("frames", "faults", "fault rate", "effective access", "slowdown", "");
        foreach (var column in table.Columns.Take(5))
        {
            column.RightAligned();
        }

        foreach (var x in points)
        {
            double eat = EffectiveAccessTime.Nanoseconds(x.FaultRate, memoryNs, faultNs);
            string bar = new('█', (int)Math.Round(x.FaultRate * 40));
            string rate = PagingCommand.Percent(x.FaultRate);
            table.AddRow(
                x.Frames.ToString(CultureInfo.InvariantCulture),
                x.Misses.ToString(CultureInfo.InvariantCulture),
                x.Frames < workingSet ? $"[red]{rate}[/]" : rate,
                Markup.Escape(LabInput.ShowDuration(TimeSpan.FromTicks((long)Math.Round(eat / 100)))),
                (eat / memoryNs).ToString("0.#", CultureInfo.InvariantCulture) + "×",
                x.Frames < workingSet ? $"[red]{bar}[/]" : bar);
        }

        console.Write(table);
        var below = points.Where(x => x.Frames < workingSet).ToArray();
        var atOrAbove = points.Where(x => x.Frames >= workingSet).ToArray();
        if (below.Length > 0 && atOrAbove.Length > 0)
        {
            console.MarkupLine($"below the working set ({workingSet} frames) the fault rate is at least {PagingCommand.Percent(below.Min(x => x.FaultRate))}: thrashing; " +
                $"from {workingSet} frames on it is at most {PagingCommand.Percent(atOrAbove.Max(x => x.FaultRate))}");
        }
    }
}
