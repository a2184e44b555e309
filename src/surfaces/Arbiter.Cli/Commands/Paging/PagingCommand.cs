using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Arbiter.Cli.Rendering;
using Arbiter.Core.Memory.Paging;
using Arbiter.Core.Memory.Replacement;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Paging;

/// <summary><c>arbiter paging …</c>: one replacement policy over one reference string, reference by reference.</summary>
internal static class PagingCommand
{
    /// <summary>References × frames listed at most (each access lists every frame).</summary>
    public const long MaxCells = 4_000_000;

    /// <summary>References listed at most (the sweep takes up to <see cref="PagingInput.MaxReferences"/>).</summary>
    public const int MaxReferences = 1_000_000;

    public static Command Build(CliContext context)
    {
        var policy = PagingInput.PolicyOption("lru");
        var frames = new Option<int>("--frames", "-f") { Description = "Physical frames (default 3)", DefaultValueFactory = _ => 3 };
        var trace = PagingInput.TraceOption();
        var traceFile = PagingInput.TraceFileOption();
        var random = PagingInput.RandomOption();
        var pages = PagingInput.PagesOption();
        var seed = PagingInput.SeedOption();
        var json = CommonOptions.Json();
        var svg = new Option<string?>("--svg") { Description = "Also draw the frames over time (hits, misses, evictions) as an SVG file" };
        var command = new Command("paging", $"""
            Page replacement, reference by reference: which page each frame holds after every reference, hit or miss,
            and the page evicted; then the totals and the hit rate. Policies: {string.Join(", ", ReplacementPolicies.Names)}.
            A new page takes the lowest free frame; a replaced page's frame goes to the page that replaced it.
            OPT knows the whole string; clock sets a page's reference bit when it is loaded and on every hit, and its
            hand stops one past the frame it replaced; random draws victims from --seed; LFU breaks ties by LRU;
            ARC is Megiddo & Modha (FAST 2003). See docs/concepts/virtual-memory.md.

            Examples:
              arbiter paging --policy fifo --frames 3 --trace 7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
              arbiter paging --policy opt --frames 3 --trace-file examples/memory/classic.trace --json
              arbiter paging --policy clock --frames 4 --random 30 --pages 8 --seed 7 --svg clock.svg
              arbiter paging sweep --policy fifo --frames 1..8 --trace 1,2,3,4,1,2,5,1,2,3,4,5
            """) { policy, frames, trace, traceFile, random, pages, seed, json, svg };
        command.Subcommands.Add(PagingSweepCommand.Build(context));
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var kind = PagingInput.Policy(parse.GetValue(policy)!);
            int n = PagingInput.Frames(parse.GetValue(frames));
            long[] references = PagingInput.Trace(parse, trace, traceFile, random, pages, seed, MaxReferences);
            if ((long)references.Length * n > MaxCells)
            {
                throw new InputException($"--frames: {n} frames × {references.Length} references is more than {MaxCells:N0} cells to list; use 'arbiter paging sweep' for totals");
            }

            var run = PagingSimulator.Run(kind, n, references, PagingInput.Seed(parse, seed));
            string? svgPath = parse.GetValue(svg);
            string? picture = svgPath is null ? null : PagingSvg.Render(run);
            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    policy = run.Policy,
                    frame_count = run.Frames,
                    references = run.Accesses.Count,
                    accesses = run.Accesses.Select(a => new { page = a.Page, hit = a.Hit, evicted = a.Evicted, frame = a.Frame, frames = a.Frames }),
                    hits = run.Hits,
                    misses = run.Misses,
                    hit_rate = Math.Round(run.HitRate, 6),
                });
            }
            else
            {
                PagingGrid.Write(context, run);
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

    public static string Percent(double rate) => (100 * rate).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
