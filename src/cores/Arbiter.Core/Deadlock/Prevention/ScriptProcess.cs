namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>One process of an <see cref="AcquisitionScript"/>: its name and its ordered steps.</summary>
/// <param name="Name">Unique process name.</param>
/// <param name="Steps">Acquisitions and releases, in program order. Whatever is still held at the end is
/// released when the process finishes (a process that exits gives its resources back).</param>
public sealed record ScriptProcess(string Name, IReadOnlyList<ScriptStep> Steps)
{
    /// <summary>A process with the given steps.</summary>
    public static ScriptProcess Of(string name, params ScriptStep[] steps) => new(name, steps);
}
