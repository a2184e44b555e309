using System.Globalization;
using System.Text;
using Arbiter.Cli.App;
using Arbiter.Core.Memory.Paging;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Paging;

/// <summary>
/// A paging run drawn the way textbooks draw it: one column per reference, one row per frame (the page it holds
/// after the reference), a row marking faults and a row naming the page each fault evicted. Wide runs wrap in
/// blocks; runs longer than <see cref="MaxListed"/> references list only their start (JSON and SVG list all).
/// </summary>
internal static class PagingGrid
{
    public const int MaxListed = 400;

    public static void Write(CliContext context, PagingRun run)
    {
        var console = context.Console;
        console.MarkupLine($"{run.Policy.ToUpperInvariant()}, {run.Frames} frame{(run.Frames == 1 ? "" : "s")}, {run.Accesses.Count} references");
        console.WriteLine();
        var listed = run.Accesses.Take(MaxListed).ToArray();
        int cell = Math.Max(2, listed.SelectMany(a => a.Frames.Select(f => f?.ToString(CultureInfo.InvariantCulture).Length ?? 1).Append(a.Page.ToString(CultureInfo.InvariantCulture).Length)).DefaultIfEmpty(1).Max()) + 1;
        const int label = 10;
        int perBlock = Math.Max(1, (console.Profile.Width - label) / cell);
        for (int start = 0; start < listed.Length; start += perBlock)
        {
            var block = listed.Skip(start).Take(perBlock).ToArray();
            console.MarkupLine(Row("reference", block.Select(a => (a.Page.ToString(CultureInfo.InvariantCulture), "")), cell));
            for (int f = 0; f < run.Frames; f++)
            {
                int frame = f;
                console.MarkupLine(Row($"frame {f}", block.Select(a =>
                    (a.Frames[frame]?.ToString(CultureInfo.InvariantCulture) ?? "", !a.Hit && a.Frame == frame ? "red" : a.Hit && a.Frame == frame ? "green" : "")), cell));
            }

            console.MarkupLine(Row("fault", block.Select(a => (a.Hit ? "" : "*", "red")), cell));
            console.MarkupLine(Row("evicted", block.Select(a => (a.Evicted?.ToString(CultureInfo.InvariantCulture) ?? "", "")), cell));
            console.WriteLine();
        }

        if (run.Accesses.Count > listed.Length)
        {
            console.MarkupLine($"(first {listed.Length} of {run.Accesses.Count} references shown; --json or --svg lists them all)");
        }

        console.MarkupLine($"{run.Misses} misses, {run.Hits} hits: hit rate {PagingCommand.Percent(run.HitRate)}");
    }

    private static string Row(string name, IEnumerable<(string Text, string Style)> cells, int width)
    {
        var line = new StringBuilder(name.PadRight(10));
        foreach (var (text, style) in cells)
        {
            string padded = text.PadLeft(width);
            line.Append(style.Length > 0 && text.Length > 0 ? $"[{style}]{Markup.Escape(padded)}[/]" : Markup.Escape(padded));
        }

        return line.ToString().TrimEnd();
    }
}
