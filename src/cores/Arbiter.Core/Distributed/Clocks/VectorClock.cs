namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// The vector clock of one process: it stamps each local, send and receive event with a
/// <see cref="VectorTimestamp"/>, so that happened-before between any two events can be read off their stamps.
/// </summary>
/// <remarks>
/// Source: Fidge 1988, Mattern 1989 (see <see cref="VectorTimestamp"/>). Rules: a local or send event increments
/// the process's own entry; a receive first merges (component-wise max) with the message's vector, then increments
/// the own entry. Cost: O(N) per event and N integers per message.
/// </remarks>
public sealed class VectorClock
{
    /// <summary>Creates the clock of process <paramref name="process"/> (0-based) among <paramref name="processes"/>.</summary>
    public VectorClock(int process, int processes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processes);
        ArgumentOutOfRangeException.ThrowIfNegative(process);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(process, processes);
        Process = process;
        Time = VectorTimestamp.Zero(processes);
    }

    /// <summary>This process's position in the vector.</summary>
    public int Process { get; }

    /// <summary>The stamp of the last event of this process (the zero vector before any).</summary>
    public VectorTimestamp Time { get; private set; }

    /// <summary>A local or send event: returns its stamp, which a send attaches to the message.</summary>
    public VectorTimestamp Tick()
    {
        Time = Time.Increment(Process);
        return Time;
    }

    /// <summary>A receive of a message stamped <paramref name="received"/>: returns the receive event's stamp.</summary>
    public VectorTimestamp Receive(VectorTimestamp received)
    {
        ArgumentNullException.ThrowIfNull(received);
        Time = Time.Merge(received).Increment(Process);
        return Time;
    }
}
