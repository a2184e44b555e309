namespace Arbiter.Core.Scheduling.Workload;

/// <summary>
/// A workload that cannot be simulated (a negative length, a malformed job item, an unknown attribute).
/// <see cref="Exception.Message"/> is one line naming the offending item, e.g. <c>job 2 ('0:'): missing length</c>.
/// </summary>
public sealed class WorkloadException : Exception
{
    /// <summary>Creates the error.</summary>
    public WorkloadException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public WorkloadException() : base("invalid workload") { }

    /// <summary>Creates the error, keeping the cause.</summary>
    public WorkloadException(string message, Exception inner) : base(message, inner) { }
}
