using System.Globalization;
using System.Security;
using System.Text;
using Arbiter.Core.Memory.Paging;

namespace Arbiter.Cli.Rendering;

/// <summary>
/// Fault rate against frames as a standalone SVG bar chart (one bar per frame count, 0–100 %), with the working set
/// marked by a dashed line: bars left of it are red (thrashing), the others blue. Deterministic.
/// </summary>
internal static class PagingCurveSvg
{
    private const string Ink = "#2c3e50";
    private const string Red = "#e74c3c";
    private const string Blue = "#2980b9";

    public static string Render(string title, IReadOnlyList<SweepPoint> points, int workingSet)
    {
        ArgumentNullException.ThrowIfNull(points);
        const double left = 60, top = 50, plotHeight = 260;
        double bar = Math.Clamp(600.0 / Math.Max(1, points.Count), 4, 40);
        double width = left + (bar * points.Count) + 30;
        double height = top + plotHeight + 60;
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">"));
        svg.AppendLine(Invariant($"  <rect width=\"{width:0}\" height=\"{height:0}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"  <text x=\"10\" y=\"24\" font-size=\"14\" fill=\"{Ink}\">{SecurityElement.Escape(title)}</text>"));
        foreach (int percent in new[] { 0, 25, 50, 75, 100 })
        {
            double y = top + plotHeight - (plotHeight * percent / 100.0);
            svg.AppendLine(Invariant($"  <line x1=\"{left:0}\" y1=\"{y:0.#}\" x2=\"{width - 20:0}\" y2=\"{y:0.#}\" stroke=\"#ecf0f1\"/>"));
            svg.AppendLine(Invariant($"  <text x=\"{left - 6:0}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"{Ink}\">{percent}%</text>"));
        }

        for (int i = 0; i < points.Count; i++)
        {
            SweepPoint p = points[i];
            double x = left + (i * bar);
            double h = plotHeight * p.FaultRate;
            string color = p.Frames < workingSet ? Red : Blue;
            svg.AppendLine(Invariant($"  <rect x=\"{x + 1:0.#}\" y=\"{top + plotHeight - h:0.#}\" width=\"{bar - 2:0.#}\" height=\"{h:0.#}\" fill=\"{color}\"><title>{p.Frames} frames: {p.Misses} faults ({100 * p.FaultRate:0.0}%)</title></rect>"));
            if (points.Count <= 40 || p.Frames % 5 == 0)
            {
                svg.AppendLine(Invariant($"  <text x=\"{x + (bar / 2):0.#}\" y=\"{top + plotHeight + 16:0}\" text-anchor=\"middle\" fill=\"{Ink}\">{p.Frames}</text>"));
            }

            if (p.Frames == workingSet)
            {
                svg.AppendLine(Invariant($"  <line x1=\"{x:0.#}\" y1=\"{top - 6:0}\" x2=\"{x:0.#}\" y2=\"{top + plotHeight:0}\" stroke=\"{Ink}\" stroke-dasharray=\"5 4\"/>"));
                svg.AppendLine(Invariant($"  <text x=\"{x + 4:0.#}\" y=\"{top + 4:0}\" fill=\"{Ink}\">working set</text>"));
            }
        }

        svg.AppendLine(Invariant($"  <text x=\"{left + ((width - left) / 2):0}\" y=\"{height - 12:0}\" text-anchor=\"middle\" fill=\"{Ink}\">frames</text>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
