namespace Arbiter.Sync.Tracking;

/// <summary>Thrown under <see cref="InversionPolicy.Throw"/> when an acquisition would invert the established lock order.</summary>
public sealed class LockOrderViolationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public LockOrderViolationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LockOrderViolationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LockOrderViolationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a report.</summary>
    public LockOrderViolationException(LockOrderReport report) : base((report ?? throw new ArgumentNullException(nameof(report))).Summary) =>
        Report = report;

    /// <summary>The validator's report.</summary>
    public LockOrderReport? Report { get; }
}
