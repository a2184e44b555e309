namespace Arbiter.Core.Memory.Traces;

/// <summary>A reference string that cannot be read; the message names the bad item (and its line, for a file).</summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    public TraceFormatException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public TraceFormatException() : base("bad reference string") { }

    /// <summary>Creates the error, keeping the cause.</summary>
    public TraceFormatException(string message, Exception inner) : base(message, inner) { }
}
