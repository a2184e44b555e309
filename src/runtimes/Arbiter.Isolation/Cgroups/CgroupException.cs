namespace Arbiter.Isolation.Cgroups;

/// <summary>A cgroup could not be detected, created, limited, joined or removed; the message is one line.</summary>
public sealed class CgroupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CgroupException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public CgroupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public CgroupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
