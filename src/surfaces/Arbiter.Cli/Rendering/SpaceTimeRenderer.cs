using System.Globalization;
using System.Security;
using System.Text;

namespace Arbiter.Cli.Rendering;

/// <summary>
/// Draws a <see cref="SpaceTimePicture"/> as a standalone, deterministic SVG (Lamport's 1978 diagrams turned on their
/// side): processes as horizontal lines, time to the right, messages as arrows, dropped messages dashed red and
/// ending in a cross, crashes as red crosses with the line dashed while the process is down.
/// </summary>
internal static class SpaceTimeRenderer
{
    private const string Ink = "#2c3e50";
    private const string Red = "#c0392b";
    private const string Green = "#27ae60";
    private const string Blue = "#2471a3";
    private const double Left = 70;
    private const double Plot = 860;
    private const double RowGap = 80;
    private const double Top = 80;

    public static string Render(SpaceTimePicture picture)
    {
        double minX = picture.Events.Select(e => e.X).Concat(picture.Messages.SelectMany(m => new[] { m.FromX, m.ToX })).DefaultIfEmpty(0).Min();
        double maxX = picture.Events.Select(e => e.X).Concat(picture.Messages.SelectMany(m => new[] { m.FromX, m.ToX })).DefaultIfEmpty(1).Max();
        double span = Math.Max(maxX - minX, 1e-9);
        double X(double x) => Left + 20 + ((x - minX) / span * (Plot - 40));
        double Y(int row) => Top + (row * RowGap);

        double width = Left + Plot + 40;
        double height = Top + (Math.Max(1, picture.Processes.Count) * RowGap) + 30 + (18 * picture.Notes.Count);
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"Helvetica, Arial, sans-serif\">"));
        svg.AppendLine("  <defs>");
        foreach (var (id, color) in new[] { ("arrow", Ink), ("arrow-red", Red) })
        {
            svg.AppendLine($"    <marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{color}\"/></marker>");
        }

        svg.AppendLine("  </defs>");
        svg.AppendLine(Invariant($"  <rect width=\"{width:0}\" height=\"{height:0}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"  <text x=\"{width / 2:0}\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" fill=\"{Ink}\">{Escape(picture.Title)}</text>"));
        svg.AppendLine(Invariant($"  <text x=\"{Left + Plot:0}\" y=\"52\" text-anchor=\"end\" font-size=\"12\" fill=\"#7f8c8d\">{Escape(picture.Axis)} →</text>"));

        for (int row = 0; row < picture.Processes.Count; row++)
        {
            double y = Y(row);
            svg.AppendLine(Invariant($"  <text x=\"{Left - 10:0}\" y=\"{y + 5:0}\" text-anchor=\"end\" font-size=\"14\" font-weight=\"bold\" fill=\"{Ink}\">{Escape(picture.Processes[row])}</text>"));
            foreach (var (from, to, down) in Segments(picture, row, minX, maxX))
            {
                string dash = down ? " stroke-dasharray=\"3 5\" stroke-opacity=\"0.5\"" : "";
                svg.AppendLine(Invariant($"  <line class=\"process\" x1=\"{X(from):0.#}\" y1=\"{y:0.#}\" x2=\"{X(to) + (to == maxX ? 15 : 0):0.#}\" y2=\"{y:0.#}\" stroke=\"{Ink}\" stroke-width=\"2\"{dash}/>"));
            }
        }

        foreach (SpaceTimeArrow arrow in picture.Messages)
        {
            double x1 = X(arrow.FromX), y1 = Y(arrow.FromRow), x2 = X(arrow.ToX), y2 = Y(arrow.ToRow);
            if (arrow.Dropped)
            {
                // Cut short at 60 % of the way: the message never arrives.
                double cx = x1 + ((x2 - x1) * 0.6), cy = y1 + ((y2 - y1) * 0.6);
                svg.AppendLine(Invariant($"  <line class=\"dropped\" x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{cx:0.#}\" y2=\"{cy:0.#}\" stroke=\"{Red}\" stroke-width=\"1.3\" stroke-dasharray=\"5 3\"/>"));
                svg.AppendLine(Cross(cx, cy, 5, Red, "drop"));
                Label(svg, arrow.Label, (x1 + cx) / 2, (y1 + cy) / 2, Red);
                continue;
            }

            svg.AppendLine(Invariant($"  <line class=\"message\" x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{Ink}\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>"));
            Label(svg, arrow.Label, (x1 + x2) / 2, (y1 + y2) / 2, Blue);
        }

        foreach (SpaceTimeMark mark in picture.Events)
        {
            double x = X(mark.X), y = Y(mark.Row);
            svg.AppendLine(mark.Kind switch
            {
                SpaceTimeMarkKind.Crash => Cross(x, y, 8, Red, "crash"),
                SpaceTimeMarkKind.Restart => Invariant($"  <rect class=\"restart\" x=\"{x - 2:0.#}\" y=\"{y - 10:0.#}\" width=\"4\" height=\"20\" fill=\"{Green}\"/>"),
                SpaceTimeMarkKind.Observe => Invariant($"  <path class=\"observe\" d=\"M {x:0.#} {y - 7:0.#} L {x + 7:0.#} {y:0.#} L {x:0.#} {y + 7:0.#} L {x - 7:0.#} {y:0.#} z\" fill=\"{Green}\"/>"),
                SpaceTimeMarkKind.Timer => Invariant($"  <rect class=\"timer\" x=\"{x - 4:0.#}\" y=\"{y - 4:0.#}\" width=\"8\" height=\"8\" fill=\"white\" stroke=\"{Ink}\" stroke-width=\"1.5\"/>"),
                _ => Invariant($"  <circle class=\"event\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4\" fill=\"{Ink}\"/>"),
            });
            if (mark.Label is not null)
            {
                svg.AppendLine(Invariant($"  <text x=\"{x:0.#}\" y=\"{y + 22:0.#}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{(mark.Kind == SpaceTimeMarkKind.Crash ? Red : Ink)}\">{Escape(mark.Label)}</text>"));
            }
        }

        double noteY = Top + (picture.Processes.Count * RowGap);
        foreach (string note in picture.Notes)
        {
            svg.AppendLine(Invariant($"  <text x=\"{Left - 40:0}\" y=\"{noteY:0}\" font-size=\"12\" fill=\"#555\">{Escape(note)}</text>"));
            noteY += 18;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>The stretches of a process line, dashed between a crash and the next restart.</summary>
    private static List<(double From, double To, bool Down)> Segments(SpaceTimePicture picture, int row, double minX, double maxX)
    {
        var segments = new List<(double, double, bool)>();
        double start = minX;
        bool down = false;
        foreach (SpaceTimeMark mark in picture.Events.Where(e => e.Row == row && e.Kind is SpaceTimeMarkKind.Crash or SpaceTimeMarkKind.Restart).OrderBy(e => e.X))
        {
            bool crash = mark.Kind == SpaceTimeMarkKind.Crash;
            if (crash == down)
            {
                continue;
            }

            segments.Add((start, mark.X, down));
            start = mark.X;
            down = crash;
        }

        segments.Add((start, maxX, down));
        return segments;
    }

    private static void Label(StringBuilder svg, string? label, double x, double y, string color)
    {
        if (label is not null)
        {
            svg.AppendLine(Invariant($"  <text x=\"{x:0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{color}\">{Escape(label)}</text>"));
        }
    }

    private static string Cross(double x, double y, double r, string color, string cls) =>
        Invariant($"  <path class=\"{cls}\" d=\"M {x - r:0.#} {y - r:0.#} L {x + r:0.#} {y + r:0.#} M {x - r:0.#} {y + r:0.#} L {x + r:0.#} {y - r:0.#}\" stroke=\"{color}\" stroke-width=\"2.5\"/>");

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
