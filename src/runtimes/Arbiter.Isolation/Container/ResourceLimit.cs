namespace Arbiter.Isolation.Container;

/// <summary>A setrlimit(2) limit applied in the container before exec.</summary>
/// <param name="Resource">The RLIMIT_* number (see <see cref="Names"/>).</param>
/// <param name="Soft">The soft limit (<see cref="Infinity"/> for none).</param>
/// <param name="Hard">The hard limit, at least <paramref name="Soft"/>.</param>
public sealed record ResourceLimit(int Resource, ulong Soft, ulong Hard)
{
    /// <summary>RLIM_INFINITY.</summary>
    public const ulong Infinity = ulong.MaxValue;

    /// <summary>RLIMIT_* names by number (Linux, all architectures Arbiter builds for).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    /// <summary>The limits every container gets unless told otherwise: 1024 open files (runc's default config).</summary>
    public static IReadOnlyList<ResourceLimit> Defaults { get; } = [new(7, 1024, 1024)];

    /// <summary>The number of an RLIMIT_ name, or -1.</summary>
    public static int Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
