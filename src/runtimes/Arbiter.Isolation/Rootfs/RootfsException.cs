namespace Arbiter.Isolation.Rootfs;

/// <summary>A root filesystem could not be built; the message is one line and says what to do.</summary>
public sealed class RootfsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RootfsException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public RootfsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public RootfsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception, saying whether the caller's input (the directory) is at fault.</summary>
    public RootfsException(string message, bool badInput)
        : base(message)
    {
        IsBadInput = badInput;
    }

    /// <summary>
    /// True when the request is at fault (the directory exists with other content, is a file, or is in use);
    /// false when the machine is (no static busybox and apt-get cannot install it, a write failed).
    /// </summary>
    public bool IsBadInput { get; }
}
