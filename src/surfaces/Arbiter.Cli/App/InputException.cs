namespace Arbiter.Cli.App;

/// <summary>
/// Bad input or usage: the command prints <see cref="Exception.Message"/> as one line on stderr and exits with 2.
/// The message already says what is wrong and where (file, line, field).
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the error.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public InputException() : base("bad input") { }

    /// <summary>Creates the error, keeping the cause.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }
}
