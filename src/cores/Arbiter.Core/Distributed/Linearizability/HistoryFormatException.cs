namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// A line of a history that cannot be read. <see cref="Exception.Message"/> is one line that names the place and
/// the field: <c>history.jsonl:7: 'return' is before 'call'</c>.
/// </summary>
public sealed class HistoryFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="source"/> line <paramref name="line"/>.</summary>
    public HistoryFormatException(string source, int line, string problem)
        : base($"{source}:{line}: {problem}")
    {
        SourceName = source;
        Line = line;
        Problem = problem;
    }

    /// <summary>Creates the error.</summary>
    public HistoryFormatException() : this("history", 0, "bad history") { }

    /// <summary>Creates the error.</summary>
    public HistoryFormatException(string message) : base(message)
    {
        Problem = message;
    }

    /// <summary>Creates the error, keeping the cause.</summary>
    public HistoryFormatException(string message, Exception inner) : base(message, inner)
    {
        Problem = message;
    }

    /// <summary>The name of the history (a file name) given to the reader.</summary>
    public string SourceName { get; } = "";

    /// <summary>The line (1-based) that is wrong.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; } = "";
}
