namespace Arbiter.Isolation.Container;

/// <summary>What the container's network namespace holds.</summary>
public enum NetworkMode
{
    /// <summary>A new network namespace whose loopback stays down: no network at all.</summary>
    None,

    /// <summary>A new network namespace with only the loopback interface, brought up.</summary>
    Loopback,

    /// <summary>Loopback plus a veth pair to the host (eth0 inside, 10.200.X.2/30; the host end is .1).</summary>
    Veth,
}
