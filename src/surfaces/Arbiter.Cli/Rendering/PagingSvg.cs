using System.Globalization;
using System.Security;
using System.Text;
using Arbiter.Core.Memory.Paging;

namespace Arbiter.Cli.Rendering;

/// <summary>
/// Draws a paging run as a standalone SVG: time runs left to right (one column per reference, the page referenced on
/// top), one row per frame with the page it holds after the reference. A miss fills the frame that received the page
/// in red, a hit outlines the frame that held it in green, and the page evicted is written struck through under the
/// column. Long runs wrap into bands of <see cref="Columns"/> references; at most <see cref="MaxReferences"/> are
/// drawn. Hand-written like <see cref="SvgRenderer"/>, and deterministic: the same run gives the same bytes.
/// </summary>
internal static class PagingSvg
{
    public const int Columns = 40;
    public const int MaxReferences = 2000;
    private const int Cell = 26;
    private const int Label = 70;
    private const string Ink = "#2c3e50";
    private const string Miss = "#e74c3c";
    private const string Hit = "#27ae60";

    public static string Render(PagingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var accesses = run.Accesses.Take(MaxReferences).ToArray();
        int columns = Math.Clamp(accesses.Length, 1, Columns);
        int bands = Math.Max(1, (accesses.Length + Columns - 1) / Columns);
        int bandHeight = (run.Frames + 3) * Cell;
        double width = Label + (columns * Cell) + 20;
        double height = 90 + (bands * bandHeight);
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"));
        svg.AppendLine(Invariant($"  <rect width=\"{width:0}\" height=\"{height:0}\" fill=\"white\"/>"));
        string title = $"{run.Policy.ToUpperInvariant()}, {run.Frames} frames: {run.Misses} misses, {run.Hits} hits of {run.Accesses.Count} (hit rate {(100 * run.HitRate).ToString("0.0", CultureInfo.InvariantCulture)}%)";
        svg.AppendLine(Invariant($"  <text x=\"10\" y=\"24\" font-size=\"16\" fill=\"{Ink}\">{Escape(title)}</text>"));
        svg.AppendLine(Invariant($"  <rect x=\"10\" y=\"38\" width=\"14\" height=\"14\" fill=\"{Miss}\" fill-opacity=\"0.35\" stroke=\"{Miss}\"/><text x=\"30\" y=\"50\" fill=\"{Ink}\">miss: page loaded into this frame</text>"));
        svg.AppendLine(Invariant($"  <rect x=\"240\" y=\"38\" width=\"14\" height=\"14\" fill=\"none\" stroke=\"{Hit}\" stroke-width=\"2\"/><text x=\"260\" y=\"50\" fill=\"{Ink}\">hit</text>"));
        svg.AppendLine(Invariant($"  <text x=\"300\" y=\"50\" fill=\"{Miss}\" text-decoration=\"line-through\">7</text><text x=\"314\" y=\"50\" fill=\"{Ink}\">evicted page</text>"));
        if (run.Accesses.Count > accesses.Length)
        {
            svg.AppendLine(Invariant($"  <text x=\"420\" y=\"50\" fill=\"{Ink}\">(first {accesses.Length} of {run.Accesses.Count} references)</text>"));
        }

        for (int band = 0; band < bands; band++)
        {
            double top = 70 + (band * bandHeight);
            svg.AppendLine(Invariant($"  <text x=\"10\" y=\"{top + 17:0}\" fill=\"{Ink}\" font-weight=\"bold\">reference</text>"));
            for (int f = 0; f < run.Frames; f++)
            {
                svg.AppendLine(Invariant($"  <text x=\"10\" y=\"{top + ((f + 1) * Cell) + 17:0}\" fill=\"{Ink}\">frame {f}</text>"));
            }

            svg.AppendLine(Invariant($"  <text x=\"10\" y=\"{top + ((run.Frames + 1) * Cell) + 17:0}\" fill=\"{Ink}\">evicted</text>"));
            for (int c = 0; c < Columns && (band * Columns) + c < accesses.Length; c++)
            {
                int i = (band * Columns) + c;
                PageAccess a = accesses[i];
                double x = Label + (c * Cell);
                string referenceColor = a.Hit ? Hit : Miss;
                svg.AppendLine(Invariant($"  <g class=\"{(a.Hit ? "hit" : "miss")}\"><title>reference {i + 1}: page {a.Page} {(a.Hit ? "hit" : "miss")} in frame {a.Frame}{(a.Evicted is { } e ? $", evicted {e}" : "")}</title>"));
                svg.AppendLine(Invariant($"    <text x=\"{x + (Cell / 2.0):0.#}\" y=\"{top + 17:0}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{referenceColor}\">{a.Page}</text>"));
                for (int f = 0; f < run.Frames; f++)
                {
                    double y = top + ((f + 1) * Cell);
                    string fill = f == a.Frame && !a.Hit ? $" fill=\"{Miss}\" fill-opacity=\"0.35\"" : " fill=\"none\"";
                    string stroke = f == a.Frame && a.Hit ? $"stroke=\"{Hit}\" stroke-width=\"2\"" : "stroke=\"#bdc3c7\" stroke-width=\"1\"";
                    svg.AppendLine(Invariant($"    <rect x=\"{x + 1:0.#}\" y=\"{y + 1:0.#}\" width=\"{Cell - 2}\" height=\"{Cell - 2}\"{fill} {stroke}/>"));
                    if (a.Frames[f] is { } page)
                    {
                        svg.AppendLine(Invariant($"    <text x=\"{x + (Cell / 2.0):0.#}\" y=\"{y + 17:0}\" text-anchor=\"middle\" fill=\"{Ink}\">{page}</text>"));
                    }
                }

                if (a.Evicted is { } evicted)
                {
                    svg.AppendLine(Invariant($"    <text x=\"{x + (Cell / 2.0):0.#}\" y=\"{top + ((run.Frames + 1) * Cell) + 17:0}\" text-anchor=\"middle\" fill=\"{Miss}\" text-decoration=\"line-through\">{evicted}</text>"));
                }

                svg.AppendLine("  </g>");
            }
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
