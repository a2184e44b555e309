namespace Arbiter.Cli.Rendering;

/// <summary>
/// What a space-time diagram shows: one horizontal line per process, events as marks at a position along it
/// (true time or logical order), messages as arrows between them, dropped messages cut short with a cross.
/// </summary>
/// <param name="Title">Heading.</param>
/// <param name="Axis">What the horizontal axis measures ("ms", "event order").</param>
/// <param name="Processes">Line names, top to bottom (P1, P2, …).</param>
/// <param name="Events">Marks on the lines.</param>
/// <param name="Messages">Arrows.</param>
/// <param name="Notes">Lines of legend under the diagram.</param>
internal sealed record SpaceTimePicture(
    string Title,
    string Axis,
    IReadOnlyList<string> Processes,
    IReadOnlyList<SpaceTimeMark> Events,
    IReadOnlyList<SpaceTimeArrow> Messages,
    IReadOnlyList<string> Notes);

/// <summary>The kind of mark drawn for an event.</summary>
internal enum SpaceTimeMarkKind
{
    /// <summary>A send, receive or local event: a dot.</summary>
    Event,

    /// <summary>An observation (state change): a diamond.</summary>
    Observe,

    /// <summary>A timer firing: a small square.</summary>
    Timer,

    /// <summary>A crash: a red cross; the line is dashed until the restart.</summary>
    Crash,

    /// <summary>A restart: a green bar.</summary>
    Restart,
}

/// <summary>A mark on process line <paramref name="Row"/> at position <paramref name="X"/>.</summary>
internal sealed record SpaceTimeMark(int Row, double X, SpaceTimeMarkKind Kind, string? Label);

/// <summary>An arrow from (<paramref name="FromRow"/>, <paramref name="FromX"/>) to (<paramref name="ToRow"/>, <paramref name="ToX"/>); dropped arrows stop short.</summary>
internal sealed record SpaceTimeArrow(int FromRow, double FromX, int ToRow, double ToX, string? Label, bool Dropped);
