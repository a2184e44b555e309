using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Container;

/// <summary>
/// Everything that defines one container: its root filesystem, command, namespaces, mounts, privileges and limits.
/// <see cref="Create"/> gives the defaults of <c>arbiter run</c>; an OCI bundle's config.json maps onto it
/// (Oci/OciConfig.cs). The native helper receives it as a <see cref="Native.HelperSpec"/>.
/// </summary>
public sealed record ContainerSpec
{
    /// <summary>The paths runc masks by default: kernel memory, keys, timers, firmware.</summary>
    public static IReadOnlyList<string> DefaultMaskedPaths { get; } =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    /// <summary>The paths runc makes read-only by default: kernel tunables and triggers.</summary>
    public static IReadOnlyList<string> DefaultReadonlyPaths { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>The search path inside the container unless the environment sets one.</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Host directory that becomes the container's /.</summary>
    public required string Rootfs { get; init; }

    /// <summary>The command and its arguments; the command is looked up in the container's PATH.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    /// <summary>The environment, as NAME=VALUE.</summary>
    public IReadOnlyList<string> Env { get; init; } = ["PATH=" + DefaultPath, "HOME=/root"];

    /// <summary>Working directory inside the container.</summary>
    public string Cwd { get; init; } = "/";

    /// <summary>Host name inside (needs <see cref="NamespaceSet.Uts"/>); null keeps the namespace's copy of the host's.</summary>
    public string? Hostname { get; init; } = "arbiter";

    /// <summary>NIS domain name inside, or null.</summary>
    public string? Domainname { get; init; }

    /// <summary>Namespaces to create; <see cref="NamespaceSet.Mount"/> is required.</summary>
    public NamespaceSet Namespaces { get; init; } = NamespaceSet.Default;

    /// <summary>Mounts, made in order before pivot_root.</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = MountSpec.Defaults;

    /// <summary>Bind the default devices (null, zero, full, random, urandom, tty) into /dev, with the ptmx and fd links.</summary>
    public bool Devices { get; init; } = true;

    /// <summary>Paths hidden inside: a file becomes /dev/null, a directory an empty read-only tmpfs.</summary>
    public IReadOnlyList<string> MaskedPaths { get; init; } = DefaultMaskedPaths;

    /// <summary>Paths made read-only inside.</summary>
    public IReadOnlyList<string> ReadonlyPaths { get; init; } = DefaultReadonlyPaths;

    /// <summary>Make / read-only after pivot_root (the other mounts keep their own flags).</summary>
    public bool ReadOnlyRoot { get; init; }

    /// <summary>The capability sets; null keeps every capability (a privileged container).</summary>
    public CapabilitySets? Capabilities { get; init; } = CapabilitySets.Default;

    /// <summary>Install the seccomp deny-list (see native/privileges.c).</summary>
    public bool Seccomp { get; init; } = true;

    /// <summary>Set no_new_privs: set-user-id binaries and file capabilities grant nothing.</summary>
    public bool NoNewPrivileges { get; init; } = true;

    /// <summary>Resource limits (setrlimit).</summary>
    public IReadOnlyList<ResourceLimit> Rlimits { get; init; } = ResourceLimit.Defaults;

    /// <summary>The workload's uid inside the container.</summary>
    public uint Uid { get; init; }

    /// <summary>The workload's gid inside the container.</summary>
    public uint Gid { get; init; }

    /// <summary>Supplementary groups inside the container.</summary>
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];

    /// <summary>uid_map lines when <see cref="NamespaceSet.User"/> is set.</summary>
    public IReadOnlyList<IdMapping> UidMappings { get; init; } = IdMapping.Unprivileged;

    /// <summary>gid_map lines when <see cref="NamespaceSet.User"/> is set.</summary>
    public IReadOnlyList<IdMapping> GidMappings { get; init; } = IdMapping.Unprivileged;

    /// <summary>What the network namespace holds (with <see cref="NamespaceSet.Network"/>).</summary>
    public NetworkMode Network { get; init; } = NetworkMode.Loopback;

    /// <summary>cgroup limits; <see cref="CgroupLimits.None"/> still makes a group (usage, OOM, kill-all).</summary>
    public CgroupLimits Limits { get; init; } = CgroupLimits.None;

    /// <summary>
    /// Run a tiny init as pid 1 that starts the workload as its child, forwards signals to it and reaps orphans
    /// (docker's --init). Without it the workload is pid 1 and ignores the signals it has no handler for.
    /// </summary>
    public bool Init { get; init; }

    /// <summary>The workload's /proc/PID/oom_score_adj, or null to inherit.</summary>
    public int? OomScoreAdj { get; init; }

    /// <summary>The defaults of <c>arbiter run</c> for a command in a rootfs.</summary>
    public static ContainerSpec Create(string rootfs, IReadOnlyList<string> args) => new() { Rootfs = rootfs, Args = args };
}
