using System.Globalization;
using System.Security;
using System.Text;

namespace Arbiter.Cli.Rendering;

/// <summary>
/// Draws a <see cref="GraphPicture"/> as a standalone SVG, with no Graphviz needed. Layout: nodes on a circle in the
/// order a depth-first walk along the edges meets them, so that chains and cycles of the resource-allocation graph
/// appear as arcs and rings; processes as circles, resources as boxes with one dot per instance, request edges
/// dashed, assignment edges solid, everything on a cycle in red.
/// </summary>
internal static class SvgRenderer
{
    private const double NodeRadius = 24;
    private const double BoxHalf = 24;
    private const string Red = "#c0392b";
    private const string Ink = "#2c3e50";

    public static string Render(GraphPicture picture)
    {
        var order = WalkOrder(picture);
        int count = order.Count;
        double ring = Math.Max(130, count * 52 / Math.PI);
        double width = Math.Max((2 * ring) + 200, 40 + (7 * picture.Notes.DefaultIfEmpty("").Max(n => n.Length)));
        double legendHeight = 60 + (16 * picture.Notes.Count);
        double height = (2 * ring) + 140 + legendHeight;
        double cx = width / 2, cy = 60 + ring + 30;
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            double angle = (-Math.PI / 2) + (2 * Math.PI * i / Math.Max(1, count));
            position[order[i].Id] = count == 1 ? (cx, cy) : (cx + (ring * Math.Cos(angle)), cy + (ring * Math.Sin(angle)));
        }

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" font-family=\"Helvetica, Arial, sans-serif\">"));
        svg.AppendLine("  <defs>");
        foreach (var (id, color) in new[] { ("arrow", Ink), ("arrow-red", Red) })
        {
            svg.AppendLine($"    <marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{color}\"/></marker>");
        }

        svg.AppendLine("  </defs>");
        svg.AppendLine(Invariant($"  <rect width=\"{width:0}\" height=\"{height:0}\" fill=\"white\"/>"));
        svg.AppendLine(Invariant($"  <text x=\"{cx:0}\" y=\"32\" text-anchor=\"middle\" font-size=\"18\" fill=\"{Ink}\">{Escape(picture.Title)}</text>"));

        var nodes = picture.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var pairs = new HashSet<(string, string)>(picture.Edges.Select(e => (e.From, e.To)));
        foreach (var edge in picture.Edges)
        {
            var (x1, y1) = position[edge.From];
            var (x2, y2) = position[edge.To];
            // Two opposite edges between the same nodes are bent apart so both stay visible.
            bool bend = pairs.Contains((edge.To, edge.From)) || edge.From == edge.To;
            (x1, y1) = Boundary(nodes[edge.From], (x1, y1), (x2, y2));
            (x2, y2) = Boundary(nodes[edge.To], (x2, y2), (x1, y1));
            string color = edge.Highlighted ? Red : Ink;
            string dash = edge.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            string marker = edge.Highlighted ? "arrow-red" : "arrow";
            double strokeWidth = edge.Highlighted ? 2.5 : 1.5;
            double mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
            if (bend)
            {
                double dx = x2 - x1, dy = y2 - y1, length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
                double qx = mx - (dy / length * 28), qy = my + (dx / length * 28);
                svg.AppendLine(Invariant($"  <path class=\"{EdgeClass(edge)}\" d=\"M {x1:0.#} {y1:0.#} Q {qx:0.#} {qy:0.#} {x2:0.#} {y2:0.#}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{strokeWidth}\"{dash} marker-end=\"url(#{marker})\"/>"));
                (mx, my) = ((mx + qx) / 2, (my + qy) / 2);
            }
            else
            {
                svg.AppendLine(Invariant($"  <line class=\"{EdgeClass(edge)}\" x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{color}\" stroke-width=\"{strokeWidth}\"{dash} marker-end=\"url(#{marker})\"/>"));
            }

            if (edge.Label is not null)
            {
                svg.AppendLine(Invariant($"  <text x=\"{mx:0.#}\" y=\"{my - 4:0.#}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{color}\">{Escape(edge.Label)}</text>"));
            }
        }

        foreach (var node in picture.Nodes)
        {
            var (x, y) = position[node.Id];
            string stroke = node.Highlighted ? Red : Ink;
            string fill = node.Highlighted ? "#fdecea" : "#f4f6f7";
            double strokeWidth = node.Highlighted ? 2.5 : 1.5;
            if (node.IsResource)
            {
                svg.AppendLine(Invariant($"  <rect x=\"{x - BoxHalf:0.#}\" y=\"{y - BoxHalf:0.#}\" width=\"{2 * BoxHalf}\" height=\"{2 * BoxHalf}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>"));
                int dots = Math.Min(node.Instances, 8);
                for (int d = 0; d < dots; d++)
                {
                    double dx = x - ((dots - 1) * 5 / 2.0) + (d * 5);
                    svg.AppendLine(Invariant($"  <circle cx=\"{dx:0.#}\" cy=\"{y + 12:0.#}\" r=\"2\" fill=\"{stroke}\"/>"));
                }

                if (node.Instances > 8)
                {
                    svg.AppendLine(Invariant($"  <text x=\"{x + BoxHalf + 4:0.#}\" y=\"{y + 16:0.#}\" font-size=\"11\" fill=\"{stroke}\">×{node.Instances}</text>"));
                }

                svg.AppendLine(Invariant($"  <text x=\"{x:0.#}\" y=\"{y + 2:0.#}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{stroke}\">{Escape(node.Label)}</text>"));
            }
            else
            {
                svg.AppendLine(Invariant($"  <circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{NodeRadius}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>"));
                svg.AppendLine(Invariant($"  <text x=\"{x:0.#}\" y=\"{y + 5:0.#}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{stroke}\">{Escape(node.Label)}</text>"));
            }
        }

        double ly = height - legendHeight + 10;
        svg.AppendLine(Invariant($"  <line x1=\"20\" y1=\"{ly:0}\" x2=\"60\" y2=\"{ly:0}\" stroke=\"{Ink}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" marker-end=\"url(#arrow)\"/><text x=\"68\" y=\"{ly + 4:0}\" font-size=\"12\" fill=\"{Ink}\">request (process → resource)</text>"));
        svg.AppendLine(Invariant($"  <line x1=\"20\" y1=\"{ly + 18:0}\" x2=\"60\" y2=\"{ly + 18:0}\" stroke=\"{Ink}\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/><text x=\"68\" y=\"{ly + 22:0}\" font-size=\"12\" fill=\"{Ink}\">assignment (resource → process)</text>"));
        svg.AppendLine(Invariant($"  <line x1=\"20\" y1=\"{ly + 36:0}\" x2=\"60\" y2=\"{ly + 36:0}\" stroke=\"{Red}\" stroke-width=\"2.5\" marker-end=\"url(#arrow-red)\"/><text x=\"68\" y=\"{ly + 40:0}\" font-size=\"12\" fill=\"{Red}\">on a cycle</text>"));
        for (int i = 0; i < picture.Notes.Count; i++)
        {
            svg.AppendLine(Invariant($"  <text x=\"20\" y=\"{ly + 58 + (16 * i):0}\" font-size=\"12\" fill=\"{Ink}\">{Escape(picture.Notes[i])}</text>"));
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>Depth-first walk from each node in declaration order, following edges, so neighbours sit side by side.</summary>
    private static List<PictureNode> WalkOrder(GraphPicture picture)
    {
        var successors = picture.Edges.GroupBy(e => e.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var byId = picture.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<PictureNode>();
        foreach (var start in picture.Nodes)
        {
            var stack = new Stack<string>();
            stack.Push(start.Id);
            while (stack.Count > 0)
            {
                string id = stack.Pop();
                if (!seen.Add(id))
                {
                    continue;
                }

                order.Add(byId[id]);
                if (successors.TryGetValue(id, out var next))
                {
                    for (int i = next.Count - 1; i >= 0; i--)
                    {
                        stack.Push(next[i]);
                    }
                }
            }
        }

        return order;
    }

    private static (double X, double Y) Boundary(PictureNode node, (double X, double Y) from, (double X, double Y) toward)
    {
        double dx = toward.X - from.X, dy = toward.Y - from.Y;
        double length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length < 1e-9)
        {
            return from;
        }

        // Circle: radius along the direction. Box: scale so the larger component reaches the side.
        double reach = node.IsResource ? BoxHalf / Math.Max(Math.Abs(dx), Math.Abs(dy)) * length : NodeRadius;
        return (from.X + (dx / length * reach), from.Y + (dy / length * reach));
    }

    /// <summary>CSS classes that let readers and tests pick out edges by kind and cycle membership.</summary>
    private static string EdgeClass(PictureEdge edge) =>
        "edge " + (edge.Dashed ? "request" : "assignment") + (edge.Highlighted ? " on-cycle" : "");

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
