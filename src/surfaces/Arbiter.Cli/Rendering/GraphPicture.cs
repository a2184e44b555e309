namespace Arbiter.Cli.Rendering;

/// <summary>What a graph renderer draws: nodes (processes as circles, resources as boxes with instance dots) and
/// directed edges, with the parts that lie on a cycle highlighted.</summary>
internal sealed record GraphPicture(string Title, IReadOnlyList<PictureNode> Nodes, IReadOnlyList<PictureEdge> Edges, IReadOnlyList<string> Notes);

/// <summary>A node of a <see cref="GraphPicture"/>.</summary>
/// <param name="Id">Unique id (also the DOT node id).</param>
/// <param name="Label">Text shown in the node.</param>
/// <param name="IsResource">Boxes for resources, circles for processes.</param>
/// <param name="Instances">Dots drawn inside a resource box.</param>
/// <param name="Highlighted">Lies on a cycle (or is deadlocked).</param>
internal sealed record PictureNode(string Id, string Label, bool IsResource, int Instances, bool Highlighted);

/// <summary>A directed edge of a <see cref="GraphPicture"/>.</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Target node id.</param>
/// <param name="Label">Optional label (e.g. a count above one).</param>
/// <param name="Dashed">Request edges are dashed, assignment edges solid.</param>
/// <param name="Highlighted">Lies on a cycle.</param>
internal sealed record PictureEdge(string From, string To, string? Label, bool Dashed, bool Highlighted);
