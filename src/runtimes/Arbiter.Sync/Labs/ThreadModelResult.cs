namespace Arbiter.Sync.Labs;

/// <summary>What the thread-model lab measured for one <see cref="ThreadModel"/>.</summary>
/// <param name="Model">The model.</param>
/// <param name="Units">How many units were created, started and run to completion.</param>
/// <param name="CreationElapsed">Wall time for all of them.</param>
/// <param name="CreationMethod">What one unit was, in words.</param>
/// <param name="Switches">How many hand-offs the ping-pong made (two per round trip).</param>
/// <param name="SwitchElapsed">Wall time for all of them.</param>
/// <param name="SwitchMethod">How control passed from one side to the other, in words.</param>
public sealed record ThreadModelResult(
    ThreadModel Model,
    int Units,
    TimeSpan CreationElapsed,
    string CreationMethod,
    int Switches,
    TimeSpan SwitchElapsed,
    string SwitchMethod)
{
    /// <summary>Nanoseconds to create, start and finish one unit.</summary>
    public double CreationNsPerUnit => CreationElapsed.TotalNanoseconds / Units;

    /// <summary>Nanoseconds per hand-off: one side wakes the other and waits to be woken (a context switch for kernel threads).</summary>
    public double SwitchNsPerHandOff => SwitchElapsed.TotalNanoseconds / Switches;
}
