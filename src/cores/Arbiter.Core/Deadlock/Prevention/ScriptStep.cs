namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// One step of a process in an <see cref="AcquisitionScript"/>: acquire or release one instance of each named
/// resource. A name may appear more than once to take or give back several instances of that resource.
/// </summary>
/// <param name="Kind">Acquire (all at once) or release.</param>
/// <param name="Resources">Resource names, one per instance.</param>
public sealed record ScriptStep(StepKind Kind, IReadOnlyList<string> Resources)
{
    /// <summary>A step that acquires the given resources all at once.</summary>
    public static ScriptStep Acquire(params string[] resources) => new(StepKind.Acquire, resources);

    /// <summary>A step that releases the given resources.</summary>
    public static ScriptStep Release(params string[] resources) => new(StepKind.Release, resources);

    /// <summary>"acquire A, B" / "release A".</summary>
    public override string ToString() =>
        $"{(Kind == StepKind.Acquire ? "acquire" : "release")} {string.Join(", ", Resources)}";
}
