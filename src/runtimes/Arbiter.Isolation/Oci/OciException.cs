namespace Arbiter.Isolation.Oci;

/// <summary>
/// An OCI operation failed: a malformed or unsupported config.json (naming the file, line or field), an unknown or
/// busy container id, an unknown signal. The message is one line; <see cref="IsBadInput"/> says whose fault it is.
/// </summary>
public sealed class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException()
    {
    }

    /// <summary>Creates a bad-input exception with a one-line message.</summary>
    public OciException(string message)
        : base(message)
    {
        IsBadInput = true;
    }

    /// <summary>Creates a bad-input exception with a one-line message and its cause.</summary>
    public OciException(string message, Exception innerException)
        : base(message, innerException)
    {
        IsBadInput = true;
    }

    /// <summary>Creates the exception, saying whether the input is to blame.</summary>
    public OciException(string message, bool badInput, Exception? innerException = null)
        : base(message, innerException)
    {
        IsBadInput = badInput;
    }

    /// <summary>True when the request is wrong (config, id, signal, state) rather than the machine.</summary>
    public bool IsBadInput { get; }
}
