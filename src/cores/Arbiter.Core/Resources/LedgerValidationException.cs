namespace Arbiter.Core.Resources;

/// <summary>
/// A resource state that does not add up. <see cref="Field"/> is a path such as <c>processes[1].allocation</c>
/// so that a reader of the state file can point at the line; <see cref="Process"/> names the process, if any.
/// </summary>
public sealed class LedgerValidationException : Exception
{
    /// <summary>Creates the error.</summary>
    public LedgerValidationException(string field, string? process, string message)
        : base(message)
    {
        Field = field;
        Process = process;
    }

    /// <summary>Creates the error without a location.</summary>
    public LedgerValidationException() : this("", null, "invalid resource state") { }

    /// <summary>Creates the error without a location.</summary>
    public LedgerValidationException(string message) : this("", null, message) { }

    /// <summary>Creates the error without a location, wrapping another.</summary>
    public LedgerValidationException(string message, Exception inner) : base(message, inner)
    {
        Field = "";
    }

    /// <summary>Path of the offending field, e.g. <c>processes[1].max</c>; empty if none.</summary>
    public string Field { get; } = "";

    /// <summary>The process the error is about, or null.</summary>
    public string? Process { get; }
}
