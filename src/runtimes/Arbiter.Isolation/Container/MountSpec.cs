namespace Arbiter.Isolation.Container;

/// <summary>One mount in the container, made before pivot_root, in order.</summary>
/// <param name="Source">The device or file system name (proc, tmpfs...) or, for a bind mount, the host path.</param>
/// <param name="Destination">Absolute path inside the container; resolved inside the rootfs (symlinks cannot leave it).</param>
/// <param name="Type">The file system type (proc, tmpfs, devpts, sysfs, mqueue); empty for a bind mount.</param>
/// <param name="Flags">mount(2) flags.</param>
/// <param name="Data">File-system options such as <c>mode=755,size=65536k</c>.</param>
public sealed record MountSpec(string Source, string Destination, string Type, MountOption Flags, string Data = "")
{
    private const MountOption Hardened = MountOption.NoSuid | MountOption.NoDev | MountOption.NoExec;

    /// <summary>
    /// The mounts every container gets (those of runc's default config): /proc, a tmpfs /dev with a private
    /// devpts and /dev/shm, /dev/mqueue, and a read-only /sys.
    /// </summary>
    public static IReadOnlyList<MountSpec> Defaults { get; } =
    [
        new("proc", "/proc", "proc", Hardened),
        new("tmpfs", "/dev", "tmpfs", MountOption.NoSuid | MountOption.StrictAtime, "mode=755,size=65536k"),
        new("devpts", "/dev/pts", "devpts", MountOption.NoSuid | MountOption.NoExec, "newinstance,ptmxmode=0666,mode=0620"),
        new("shm", "/dev/shm", "tmpfs", Hardened, "mode=1777,size=65536k"),
        new("mqueue", "/dev/mqueue", "mqueue", Hardened),
        new("sysfs", "/sys", "sysfs", Hardened | MountOption.ReadOnly),
    ];

    /// <summary>A bind mount of a host path, read-only on request, never with set-user-id or devices.</summary>
    public static MountSpec BindMount(string hostPath, string destination, bool readOnly) =>
        new(hostPath, destination, "", MountOption.Bind | MountOption.Recursive | MountOption.NoSuid | MountOption.NoDev | (readOnly ? MountOption.ReadOnly : MountOption.None));
}
