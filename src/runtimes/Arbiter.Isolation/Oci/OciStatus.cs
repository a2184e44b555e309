namespace Arbiter.Isolation.Oci;

/// <summary>The OCI lifecycle states this runtime reports.</summary>
public enum OciStatus
{
    /// <summary>Set up, waiting for start (its init blocks on the exec fifo).</summary>
    Created,

    /// <summary>The workload runs.</summary>
    Running,

    /// <summary>The workload has exited (or was killed); delete removes what is left.</summary>
    Stopped,
}
