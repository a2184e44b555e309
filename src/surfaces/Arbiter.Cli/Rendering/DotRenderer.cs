using System.Text;

namespace Arbiter.Cli.Rendering;

/// <summary>Graphviz DOT for a <see cref="GraphPicture"/> (render with <c>dot -Tsvg</c> if Graphviz is installed).</summary>
internal static class DotRenderer
{
    public static string Render(GraphPicture picture)
    {
        var dot = new StringBuilder();
        dot.AppendLine("digraph arbiter {");
        dot.AppendLine($"  label={Quote(picture.Title)}; labelloc=t; rankdir=LR; fontname=\"Helvetica\";");
        dot.AppendLine("  node [fontname=\"Helvetica\"]; edge [fontname=\"Helvetica\"];");
        foreach (var node in picture.Nodes)
        {
            string shape = node.IsResource ? "box" : "circle";
            string label = node.IsResource && node.Instances > 1 ? $"{node.Label}\\n{new string('•', Math.Min(node.Instances, 12))}" : node.Label;
            string color = node.Highlighted ? ", color=\"#c0392b\", penwidth=2" : "";
            dot.AppendLine($"  {Quote(node.Id)} [shape={shape}, label=\"{label.Replace("\"", "\\\"", StringComparison.Ordinal)}\"{color}];");
        }

        foreach (var edge in picture.Edges)
        {
            var attributes = new List<string>();
            if (edge.Dashed)
            {
                attributes.Add("style=dashed");
            }

            if (edge.Highlighted)
            {
                attributes.Add("color=\"#c0392b\"");
                attributes.Add("penwidth=2");
            }

            if (edge.Label is not null)
            {
                attributes.Add($"label={Quote(edge.Label)}");
            }

            dot.AppendLine($"  {Quote(edge.From)} -> {Quote(edge.To)}{(attributes.Count > 0 ? " [" + string.Join(", ", attributes) + "]" : "")};");
        }

        dot.AppendLine("}");
        return dot.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
