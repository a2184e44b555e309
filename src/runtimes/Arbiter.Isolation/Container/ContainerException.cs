namespace Arbiter.Isolation.Container;

/// <summary>
/// A container could not be created or started. The message is one line naming what failed ("mount /proc (proc):
/// Operation not permitted", "exec nosuch: No such file or directory"); nothing is left behind (cgroup, mounts).
/// </summary>
public sealed class ContainerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContainerException()
    {
    }

    /// <summary>Creates the exception with a one-line message (a fault of the machine, not of the input).</summary>
    public ContainerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public ContainerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception, saying whether the caller's input is to blame.</summary>
    public ContainerException(string message, bool badInput)
        : base(message)
    {
        IsBadInput = badInput;
    }

    /// <summary>True when the input is wrong (missing rootfs, command not found, bad limit) rather than the machine.</summary>
    public bool IsBadInput { get; }
}
