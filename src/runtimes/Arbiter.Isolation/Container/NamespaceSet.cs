namespace Arbiter.Isolation.Container;

/// <summary>The kernel namespaces a container gets (namespaces(7)); each hides one kind of host resource.</summary>
[Flags]
public enum NamespaceSet
{
    /// <summary>No namespace: runs in the host's (refused by the runtime: a mount namespace is required).</summary>
    None = 0,

    /// <summary>Process ids: the workload is pid 1 and sees no host process.</summary>
    Pid = 1,

    /// <summary>Mounts: the container's own mount table, with the rootfs as / after pivot_root.</summary>
    Mount = 2,

    /// <summary>Host and domain name.</summary>
    Uts = 4,

    /// <summary>System V IPC and POSIX message queues.</summary>
    Ipc = 8,

    /// <summary>Network devices, addresses, routes, ports: only what the runtime adds (loopback, a veth).</summary>
    Network = 16,

    /// <summary>User and group ids: root inside mapped to an unprivileged id outside.</summary>
    User = 32,

    /// <summary>The cgroup tree: the container sees its own cgroup as the root.</summary>
    Cgroup = 64,

    /// <summary>The set <c>arbiter run</c> uses unless told otherwise: everything but the user namespace.</summary>
    Default = Pid | Mount | Uts | Ipc | Network | Cgroup,
}
