namespace Arbiter.Isolation.Cgroups;

/// <summary>Which cgroup hierarchies the kernel has mounted (from <c>/proc/self/mountinfo</c>).</summary>
public enum CgroupVersion
{
    /// <summary>Only legacy per-controller hierarchies (<c>cgroup</c> mounts), no <c>cgroup2</c>.</summary>
    V1,

    /// <summary>Only the unified <c>cgroup2</c> hierarchy.</summary>
    V2,

    /// <summary>Both: v1 controller hierarchies and a <c>cgroup2</c> mount; each controller lives in exactly one of them.</summary>
    Hybrid,
}
