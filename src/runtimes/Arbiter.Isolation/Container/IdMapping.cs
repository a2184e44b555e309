namespace Arbiter.Isolation.Container;

/// <summary>A line of /proc/PID/uid_map or gid_map: ids <paramref name="ContainerId"/>.. inside are <paramref name="HostId"/>.. outside.</summary>
/// <param name="ContainerId">First id inside the user namespace.</param>
/// <param name="HostId">The host id it stands for.</param>
/// <param name="Size">How many consecutive ids.</param>
public sealed record IdMapping(uint ContainerId, uint HostId, uint Size)
{
    /// <summary>Root inside is uid/gid 100000 outside, with 65536 ids (the usual first /etc/subuid range).</summary>
    public static IReadOnlyList<IdMapping> Unprivileged { get; } = [new(0, 100_000, 65_536)];

    /// <summary>The host id of container id <paramref name="id"/>, or null when it is not mapped.</summary>
    public static uint? ToHost(IReadOnlyList<IdMapping> mappings, uint id)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        foreach (var m in mappings)
        {
            if (id >= m.ContainerId && id - m.ContainerId < m.Size)
            {
                return m.HostId + (id - m.ContainerId);
            }
        }

        return null;
    }
}
