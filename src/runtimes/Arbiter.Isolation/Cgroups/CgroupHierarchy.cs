namespace Arbiter.Isolation.Cgroups;

/// <summary>One mounted cgroup hierarchy: where it is mounted and which controllers it carries.</summary>
/// <param name="MountPoint">The mount point, e.g. <c>/sys/fs/cgroup/memory</c> or <c>/sys/fs/cgroup</c>.</param>
/// <param name="IsUnified">True for the cgroup2 hierarchy, false for a v1 one.</param>
/// <param name="Controllers">The controllers bound to it (v1: from the mount options; v2: from <c>cgroup.controllers</c>).</param>
public sealed record CgroupHierarchy(string MountPoint, bool IsUnified, IReadOnlyList<string> Controllers);
