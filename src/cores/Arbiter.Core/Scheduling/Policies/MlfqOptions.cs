namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Settings of the multi-level feedback queue. Level 0 is the top (most urgent). Defaults follow OSTEP's
/// <c>mlfq.py</c>: 3 queues, quantum 10 at every level, an allotment of 1 quantum, no boost, I/O does not reset
/// the allotment, a job back from I/O joins the tail of its queue.
/// </summary>
/// <param name="Quanta">Quantum of each level, top first; the number of entries is the number of queues.</param>
/// <param name="Allotments">Allotment of each level in quanta (time a job may use at a level before it moves down one).</param>
/// <param name="BoostPeriod">Every this many ticks all jobs move to the top with fresh allotments (0: never).</param>
/// <param name="IoResetsAllotment">Whether issuing an I/O gives the job a fresh quantum and allotment at its level
/// (the gameable rule 4a/4b of OSTEP; false: time used is counted however it is spread).</param>
/// <param name="IoToFront">Whether a job returning from I/O goes to the front of its queue instead of the tail.</param>
public sealed record MlfqOptions(IReadOnlyList<long> Quanta, IReadOnlyList<long> Allotments, long BoostPeriod = 0, bool IoResetsAllotment = false, bool IoToFront = false)
{
    /// <summary><paramref name="queues"/> levels with the same quantum and an allotment of one quantum each.</summary>
    public static MlfqOptions Uniform(int queues, long quantum, long boostPeriod = 0) =>
        new(Enumerable.Repeat(quantum, queues).ToArray(), Enumerable.Repeat(1L, queues).ToArray(), boostPeriod);

    /// <summary>Number of queues.</summary>
    public int Levels => Quanta.Count;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Quanta.Count is < 1 or > 64)
        {
            throw new ArgumentException($"MLFQ needs 1 to 64 queues (got {Quanta.Count})");
        }

        if (Allotments.Count != Quanta.Count)
        {
            throw new ArgumentException($"MLFQ has {Quanta.Count} queues but {Allotments.Count} allotments");
        }

        if (Quanta.Any(q => q < 1) || Allotments.Any(a => a < 1))
        {
            throw new ArgumentException("MLFQ quanta and allotments must be at least 1");
        }

        if (BoostPeriod < 0)
        {
            throw new ArgumentException($"MLFQ boost period must not be negative (got {BoostPeriod})");
        }
    }
}
