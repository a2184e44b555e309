using System.Globalization;
using System.Security;
using System.Text;
using Arbiter.Core.Scheduling.Simulation;

namespace Arbiter.Cli.Rendering;

/// <summary>
/// Gantt charts as a standalone SVG, one panel per run (one for <c>arbiter sched</c>, one per policy for
/// <c>sched compare</c>, on a shared time axis so the panels line up). Per job a lane: coloured bars while it runs
/// (labelled with the CPU when there are several), a grey band while it waits, a hatched band while it is blocked on
/// I/O, a tick at its arrival. Everything is computed from the result alone, with invariant formatting, so the same
/// run always gives the same file.
/// </summary>
internal static class GanttSvg
{
    public const int MaxJobs = 200;
    public const int MaxSegments = 20_000;

    private const double Left = 70, PlotWidth = 860, Lane = 22, Bar = 14, PanelGap = 34, Top = 20;
    private const string Ink = "#2c3e50";
    private static readonly string[] Palette = ["#2e86de", "#e67e22", "#27ae60", "#c0392b", "#8e44ad", "#16a085", "#d35400", "#2c3e50", "#f1c40f", "#7f8c8d"];

    /// <summary>The panels: a title, a caption (metrics) and the run.</summary>
    public static string Render(IReadOnlyList<(string Title, string Caption, SimulationResult Result)> panels)
    {
        long start = panels.Min(p => p.Result.Run.Start);
        long end = panels.Max(p => p.Result.Run.End);
        double scale = PlotWidth / Math.Max(1, end - start);
        int jobs = panels[0].Result.Jobs.Count;
        double panelHeight = 46 + (jobs * Lane) + 24;
        double width = Left + PlotWidth + 30;
        double height = Top + (panels.Count * (panelHeight + PanelGap)) + 10;
        var svg = new StringBuilder();
        svg.AppendLine(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"Helvetica, Arial, sans-serif\">"));
        svg.AppendLine("  <defs><pattern id=\"io\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fdfefe\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#95a5a6\" stroke-width=\"2\"/></pattern></defs>");
        svg.AppendLine(I($"  <rect width=\"{width:0}\" height=\"{height:0}\" fill=\"white\"/>"));
        double y = Top;
        foreach (var (title, caption, result) in panels)
        {
            Panel(svg, y, title, caption, result, start, end, scale);
            y += panelHeight + PanelGap;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, double y, string title, string caption, SimulationResult result, long start, long end, double scale)
    {
        double X(long t) => Left + ((t - start) * scale);
        svg.AppendLine(I($"  <text x=\"{Left:0}\" y=\"{y + 14:0.#}\" font-size=\"15\" font-weight=\"bold\" fill=\"{Ink}\">{Escape(title)}</text>"));
        svg.AppendLine(I($"  <text x=\"{Left:0}\" y=\"{y + 32:0.#}\" font-size=\"12\" fill=\"{Ink}\">{Escape(caption)}</text>"));
        double lanes = y + 44;
        for (int j = 0; j < result.Jobs.Count; j++)
        {
            var m = result.Jobs[j];
            double ly = lanes + (j * Lane);
            double mid = ly + (Lane / 2);
            svg.AppendLine(I($"  <text x=\"{Left - 8:0}\" y=\"{mid + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Ink}\">{Escape(m.Name)}</text>"));
            svg.AppendLine(I($"  <rect class=\"wait\" x=\"{X(m.Arrival):0.##}\" y=\"{mid - 2:0.#}\" width=\"{(m.Completion - m.Arrival) * scale:0.##}\" height=\"4\" fill=\"#d5d8dc\"/>"));
            svg.AppendLine(I($"  <line x1=\"{X(m.Arrival):0.##}\" y1=\"{ly + 2:0.#}\" x2=\"{X(m.Arrival):0.##}\" y2=\"{ly + Lane - 2:0.#}\" stroke=\"{Ink}\" stroke-width=\"1\"/>"));
        }

        foreach (var s in result.Io)
        {
            double ly = lanes + (s.Job * Lane) + ((Lane - Bar) / 2);
            svg.AppendLine(I($"  <rect class=\"io\" x=\"{X(s.Start):0.##}\" y=\"{ly:0.#}\" width=\"{(s.End - s.Start) * scale:0.##}\" height=\"{Bar}\" fill=\"url(#io)\" stroke=\"#95a5a6\" stroke-width=\"0.5\"/>"));
        }

        foreach (var s in result.Timeline)
        {
            double ly = lanes + (s.Job * Lane) + ((Lane - Bar) / 2);
            string color = Palette[s.Job % Palette.Length];
            double w = s.Length * scale;
            svg.AppendLine(I($"  <rect class=\"run\" x=\"{X(s.Start):0.##}\" y=\"{ly:0.#}\" width=\"{w:0.##}\" height=\"{Bar}\" fill=\"{color}\"><title>{Escape(result.Jobs[s.Job].Name)} on CPU {s.Cpu}: {s.Start}–{s.End}</title></rect>"));
            if (result.Cpus > 1 && w >= 14)
            {
                svg.AppendLine(I($"  <text x=\"{X(s.Start) + (w / 2):0.##}\" y=\"{ly + 11:0.#}\" text-anchor=\"middle\" font-size=\"10\" fill=\"white\">{s.Cpu}</text>"));
            }
        }

        double axisY = lanes + (result.Jobs.Count * Lane) + 4;
        svg.AppendLine(I($"  <line x1=\"{Left:0}\" y1=\"{axisY:0.#}\" x2=\"{Left + PlotWidth:0}\" y2=\"{axisY:0.#}\" stroke=\"{Ink}\" stroke-width=\"1\"/>"));
        long step = Step(end - start);
        for (long t = (start + step - 1) / step * step; t <= end; t += step)
        {
            svg.AppendLine(I($"  <line x1=\"{X(t):0.##}\" y1=\"{axisY:0.#}\" x2=\"{X(t):0.##}\" y2=\"{axisY + 4:0.#}\" stroke=\"{Ink}\"/><text x=\"{X(t):0.##}\" y=\"{axisY + 16:0.#}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{Ink}\">{t}</text>"));
        }
    }

    /// <summary>A round tick step (1, 2 or 5 × 10^k) giving at most about 20 labels.</summary>
    private static long Step(long span)
    {
        long step = 1;
        while (true)
        {
            foreach (long f in new long[] { 1, 2, 5 })
            {
                if (span / (step * f) <= 20)
                {
                    return step * f;
                }
            }

            step *= 10;
        }
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
