namespace Arbiter.Distributed.Simulation;

/// <summary>A fault schedule that does not parse or names unknown nodes; the message is one line naming the column.</summary>
public sealed class FaultScheduleException : FormatException
{
    /// <summary>Creates the error.</summary>
    public FaultScheduleException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public FaultScheduleException() : base("fault schedule: malformed") { }

    /// <summary>Creates the error, keeping the cause.</summary>
    public FaultScheduleException(string message, Exception inner) : base(message, inner) { }
}
