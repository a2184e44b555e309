namespace Arbiter.Sync.Tracking;

/// <summary>A thread tried to take a lock whose level is not above every level it already holds.</summary>
public sealed class LockHierarchyViolationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public LockHierarchyViolationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public LockHierarchyViolationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LockHierarchyViolationException(string message, Exception innerException) : base(message, innerException) { }
}
