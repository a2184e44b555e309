namespace Arbiter.Isolation.Container;

/// <summary>The five capability sets of the workload (capabilities(7)), as bit masks.</summary>
/// <param name="Bounding">The most the process and its children can ever have.</param>
/// <param name="Effective">What the kernel checks now.</param>
/// <param name="Permitted">What the process may make effective.</param>
/// <param name="Inheritable">What survives execve together with file inheritable bits.</param>
/// <param name="Ambient">What survives execve of an unprivileged program.</param>
public sealed record CapabilitySets(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient)
{
    /// <summary><see cref="Capabilities.DefaultMask"/> bounding, effective and permitted; nothing inheritable or ambient.</summary>
    public static CapabilitySets Default { get; } =
        new(Capabilities.DefaultMask, Capabilities.DefaultMask, Capabilities.DefaultMask, 0, 0);
}
