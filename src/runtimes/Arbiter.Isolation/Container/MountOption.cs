namespace Arbiter.Isolation.Container;

/// <summary>The mount(2) flags a container mount may carry, with the kernel's values (MS_*).</summary>
[Flags]
public enum MountOption : long
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>MS_RDONLY (on a bind mount, applied by a remount).</summary>
    ReadOnly = 1,

    /// <summary>MS_NOSUID: set-user-id bits and file capabilities are ignored.</summary>
    NoSuid = 2,

    /// <summary>MS_NODEV: device files do not work.</summary>
    NoDev = 4,

    /// <summary>MS_NOEXEC: nothing can be executed.</summary>
    NoExec = 8,

    /// <summary>MS_SYNCHRONOUS.</summary>
    Synchronous = 16,

    /// <summary>MS_DIRSYNC.</summary>
    DirSync = 128,

    /// <summary>MS_NOATIME.</summary>
    NoAtime = 1024,

    /// <summary>MS_NODIRATIME.</summary>
    NoDirAtime = 2048,

    /// <summary>MS_BIND: make a file or directory visible at another place.</summary>
    Bind = 4096,

    /// <summary>MS_REC: with <see cref="Bind"/> or a propagation flag, the whole subtree.</summary>
    Recursive = 16384,

    /// <summary>MS_UNBINDABLE.</summary>
    Unbindable = 1 << 17,

    /// <summary>MS_PRIVATE: no mount event propagates in or out.</summary>
    Private = 1 << 18,

    /// <summary>MS_SLAVE: events propagate in, not out.</summary>
    Slave = 1 << 19,

    /// <summary>MS_SHARED.</summary>
    Shared = 1 << 20,

    /// <summary>MS_RELATIME.</summary>
    RelAtime = 1 << 21,

    /// <summary>MS_STRICTATIME.</summary>
    StrictAtime = 1 << 24,
}
