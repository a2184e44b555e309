namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>What happened to a process at one tick of a <see cref="TimeoutRetrySimulation"/>.</summary>
public enum SimulationEventKind
{
    /// <summary>It acquired the resources of its current step.</summary>
    Acquire,

    /// <summary>Its acquisition could not be granted; it starts waiting (logged once per wait).</summary>
    Wait,

    /// <summary>It released resources.</summary>
    Release,

    /// <summary>It waited as long as the timeout allows, released everything it held and backs off.</summary>
    Timeout,

    /// <summary>It ran its last step (anything still held is released).</summary>
    Finish,

    /// <summary>Detection found it deadlocked at the end of this tick.</summary>
    Deadlock,
}
