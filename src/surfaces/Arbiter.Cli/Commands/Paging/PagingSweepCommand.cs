using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Core.Memory.Paging;
using Arbiter.Core.Memory.Replacement;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Paging;

/// <summary><c>arbiter paging sweep</c>: misses against the number of frames, and Belady's anomaly where it shows.</summary>
internal static class PagingSweepCommand
{
    public static Command Build(CliContext context)
    {
        var policy = new Option<string>("--policy", "-p") { Description = $"One policy, a comma list, or all ({string.Join(", ", ReplacementPolicies.Names)}; default fifo)", DefaultValueFactory = _ => "fifo" };
        var frames = new Option<string>("--frames", "-f") { Description = "Frame counts A..B (default 1..8)", DefaultValueFactory = _ => "1..8" };
        var trace = PagingInput.TraceOption();
        var traceFile = PagingInput.TraceFileOption();
        var random = PagingInput.RandomOption();
        var pages = PagingInput.PagesOption();
        var seed = PagingInput.SeedOption();
        var json = CommonOptions.Json();
        var command = new Command("sweep", """
            Runs the policy once per frame count in --frames and lists the misses of each. Where one more frame gives
            more misses, that is Belady's anomaly, and it is reported (FIFO shows it on 1,2,3,4,1,2,5,1,2,3,4,5: 9
            misses with 3 frames, 10 with 4). LRU and OPT are stack algorithms and never show it.

            Examples:
              arbiter paging sweep --policy fifo --frames 1..8 --trace 1,2,3,4,1,2,5,1,2,3,4,5
              arbiter paging sweep --policy fifo,lru,opt,clock --frames 1..6 --trace-file examples/memory/belady.trace
              arbiter paging sweep --policy all --frames 1..64 --random 100000 --pages 100 --seed 3 --json
            """) { policy, frames, trace, traceFile, random, pages, seed, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var kinds = PagingInput.Policies(parse.GetValue(policy)!);
            var (min, max) = PagingInput.FrameRange(parse.GetValue(frames)!);
            long[] references = PagingInput.Trace(parse, trace, traceFile, random, pages, seed);
            ulong s = PagingInput.Seed(parse, seed);
            var sweeps = kinds.Select(k => (Kind: k, Points: FrameSweep.Run(k, references, min, max, s))).ToArray();
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    references = references.Length,
                    policies = sweeps.Select(w => new
                    {
                        policy = ReplacementPolicies.Name(w.Kind),
                        points = w.Points.Select(p => new { frames = p.Frames, misses = p.Misses, hits = p.References - p.Misses, fault_rate = Math.Round(p.FaultRate, 6) }),
                        anomalies = FrameSweep.Anomalies(w.Points).Select(a => new { frames = a.Frames, misses = a.Misses, fewer_frames = a.FewerFrames, fewer_misses = a.FewerMisses }),
                    }),
                });
                return ArbiterApp.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .Title($"misses over {references.Length} references")
                .AddColumn(new TableColumn("frames").RightAligned());
            foreach (var w in sweeps)
            {
                table.AddColumn(new TableColumn(ReplacementPolicies.Name(w.Kind)).RightAligned());
            }

            for (int i = 0; i <= max - min; i++)
            {
                int row = i;
                table.AddRow([(min + i).ToString(System.Globalization.CultureInfo.InvariantCulture), .. sweeps.Select(w => Cell(w.Points, row))]);
            }

            context.Console.Write(table);
            foreach (var w in sweeps)
            {
                var anomalies = FrameSweep.Anomalies(w.Points);
                string name = ReplacementPolicies.Name(w.Kind);
                if (anomalies.Count == 0 && max > min)
                {
                    context.Console.MarkupLine($"{name}: no Belady's anomaly for {min}..{max} frames (misses never rise with more frames)");
                }

                foreach (var a in anomalies)
                {
                    context.Console.MarkupLine($"{name}: [red]Belady's anomaly[/]: {a.Frames} frames give {a.Misses} misses, more than the {a.FewerMisses} with {a.FewerFrames}");
                }
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static string Cell(IReadOnlyList<SweepPoint> points, int i)
    {
        string misses = points[i].Misses.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return i > 0 && points[i].Misses > points[i - 1].Misses ? $"[red]{misses} ↑[/]" : misses;
    }
}
