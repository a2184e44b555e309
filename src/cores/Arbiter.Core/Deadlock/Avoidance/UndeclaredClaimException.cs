namespace Arbiter.Core.Deadlock.Avoidance;

/// <summary>
/// The Banker's algorithm was asked about a state in which a process has not declared its maximum claim; avoidance
/// needs every claim in advance (without one, Need would silently read as zero).
/// </summary>
public sealed class UndeclaredClaimException : InvalidOperationException
{
    /// <summary>Creates the error for process <paramref name="processName"/> at <paramref name="processIndex"/>.</summary>
    public UndeclaredClaimException(string processName, int processIndex)
        : base($"process '{processName}' has no declared maximum claim (max); the Banker's algorithm needs one for every process")
    {
        ProcessName = processName;
        ProcessIndex = processIndex;
    }

    /// <summary>Creates the error without a process.</summary>
    public UndeclaredClaimException() : this("?", -1) { }

    /// <summary>Creates the error with a message.</summary>
    public UndeclaredClaimException(string message) : base(message) => ProcessName = "?";

    /// <summary>Creates the error with a message, wrapping another.</summary>
    public UndeclaredClaimException(string message, Exception inner) : base(message, inner) => ProcessName = "?";

    /// <summary>Name of the process without a declared claim.</summary>
    public string ProcessName { get; } = "?";

    /// <summary>Its index in the ledger, or −1.</summary>
    public int ProcessIndex { get; } = -1;
}
