namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Lottery scheduling (Waldspurger &amp; Weihl 1994; OSTEP ch. 9 §9.1–9.2). Whenever a CPU needs a job, a winning
/// ticket is drawn uniformly from the tickets of all ready jobs (from the seeded source the caller passes in) and its
/// holder runs for one quantum. Over many draws each job's share of the CPU approaches its share of the tickets.
/// Not preemptive. O(n) per draw (a walk over the ready list, as in OSTEP's figure 9.1).
/// </summary>
public sealed class Lottery : SchedulingPolicy
{
    private readonly long _quantum;
    private readonly Random _random;
    private readonly List<int> _ready = [];
    private long _totalTickets;

    /// <summary>Creates the policy with a quantum and the seeded random source for the draws.</summary>
    public Lottery(long quantum, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantum, 1);
        ArgumentNullException.ThrowIfNull(random);
        _quantum = quantum;
        _random = random;
    }

    /// <inheritdoc/>
    public override string Name => "lottery";

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason)
    {
        _ready.Add(job);
        _totalTickets += Context.Jobs[job].Tickets;
    }

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now)
    {
        if (_ready.Count == 0)
        {
            return -1;
        }

        long winner = _random.NextInt64(_totalTickets);
        long counter = 0;
        for (int i = 0; i < _ready.Count; i++)
        {
            int job = _ready[i];
            counter += Context.Jobs[job].Tickets;
            if (counter > winner)
            {
                _ready.RemoveAt(i);
                _totalTickets -= Context.Jobs[job].Tickets;
                return job;
            }
        }

        throw new InvalidOperationException("the ticket count is out of step with the ready list");
    }

    /// <inheritdoc/>
    public override long Slice(int job, long now) => _quantum;
}
