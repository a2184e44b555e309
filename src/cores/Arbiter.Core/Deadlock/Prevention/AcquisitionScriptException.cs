namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// An <see cref="AcquisitionScript"/> that cannot be checked or run: unknown or duplicate names, a release of
/// something not held, a step asking for more instances than exist, a missing hierarchy level.
/// <see cref="Field"/> is a path such as <c>processes[1].steps[2]</c>.
/// </summary>
public sealed class AcquisitionScriptException : Exception
{
    /// <summary>Creates the error.</summary>
    public AcquisitionScriptException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the error without a location.</summary>
    public AcquisitionScriptException() : this("", "invalid acquisition script") { }

    /// <summary>Creates the error without a location.</summary>
    public AcquisitionScriptException(string message) : this("", message) { }

    /// <summary>Creates the error without a location, wrapping another.</summary>
    public AcquisitionScriptException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Path of the offending field, e.g. <c>processes[1].steps[2]</c>; empty if none.</summary>
    public string Field { get; } = "";
}
