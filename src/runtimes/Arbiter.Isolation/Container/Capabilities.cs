namespace Arbiter.Isolation.Container;

/// <summary>
/// Linux capabilities (capabilities(7)) by number, and the default set a container keeps. The default is Docker's
/// without CAP_MKNOD (creating device nodes is also refused by the seccomp filter): root inside can chown, bypass
/// file permission checks on its own files, kill its own processes, bind low ports, use raw sockets, change ids,
/// chroot and set file capabilities — and nothing that touches the host (no SYS_ADMIN, SYS_MODULE, SYS_BOOT,
/// SYS_PTRACE, NET_ADMIN, SYS_TIME...).
/// </summary>
public static class Capabilities
{
    /// <summary>Names in kernel order: index = capability number.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>The default capabilities as a bit mask (bit n = capability n).</summary>
    public static ulong DefaultMask { get; } = Mask(
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
        "CAP_SETFCAP", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /// <summary>The number of a capability name (with or without the CAP_ prefix, any case), or -1.</summary>
    public static int Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? name : "CAP_" + name;
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], n, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The mask of the given names; throws <see cref="ArgumentException"/> for an unknown one.</summary>
    public static ulong Mask(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        ulong mask = 0;
        foreach (string name in names)
        {
            int c = Parse(name);
            if (c < 0)
            {
                throw new ArgumentException($"unknown capability '{name}'", nameof(names));
            }

            mask |= 1UL << c;
        }

        return mask;
    }

    /// <summary>The names of the capabilities in <paramref name="mask"/>, in kernel order.</summary>
    public static IReadOnlyList<string> NamesOf(ulong mask) =>
        [.. Enumerable.Range(0, Names.Count).Where(i => (mask >> i & 1) != 0).Select(i => Names[i])];
}
