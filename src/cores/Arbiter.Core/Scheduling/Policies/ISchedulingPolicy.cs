namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// A CPU scheduling policy as a pure, deterministic state machine driven by the event-driven engine
/// (<c>Simulation/Simulator</c>): the engine reports jobs becoming ready and leaving CPUs, and asks which ready job
/// runs next and for how long at most. The engine owns time, work, I/O and the metrics; the policy owns its queues.
/// A policy instance serves one run (<see cref="Start"/> is called once).
/// <para>
/// At one instant the engine calls, in this order: <see cref="Ran"/> for every job leaving a CPU;
/// <see cref="Enqueue"/> for arrivals (in the order given), then I/O completions, then jobs whose slice expired
/// (so an arrival is queued ahead of a job preempted at the same moment); <see cref="OnTimer"/> if due;
/// <see cref="Dequeue"/> for every idle CPU (in CPU order); then, for preemptive policies, <see cref="ShouldPreempt"/>
/// on the running job with the largest <see cref="Rank"/> until it answers no.
/// </para>
/// </summary>
public interface ISchedulingPolicy
{
    /// <summary>Short name (fifo, sjf, rr …).</summary>
    string Name { get; }

    /// <summary>Whether a newly ready job may take a CPU from a running one (then <see cref="ShouldPreempt"/> is asked).</summary>
    bool IsPreemptive { get; }

    /// <summary>Whether the engine stops every running job (as <see cref="StopReason.Preempted"/>) before <see cref="OnTimer"/>.</summary>
    bool TimerStopsRunning { get; }

    /// <summary>Called once before the run.</summary>
    void Start(SchedulingContext context);

    /// <summary>The job is ready.</summary>
    void Enqueue(int job, long now, ReadyReason reason);

    /// <summary>Removes and returns the job to run next on <paramref name="cpu"/>, or −1 when none is ready.</summary>
    int Dequeue(int cpu, long now);

    /// <summary>Most ticks the job just dequeued may run before the policy decides again (≥ 1; <see cref="long.MaxValue"/>: no limit).</summary>
    long Slice(int job, long now);

    /// <summary>The job ran <paramref name="ran"/> ticks since it was dequeued and has left its CPU.</summary>
    void Ran(int job, long ran, long now, StopReason reason);

    /// <summary>For preemptive policies: how eligible the running job is for preemption (larger: preempted first).</summary>
    long Rank(int running, long now);

    /// <summary>For preemptive policies: whether the best ready job should take the CPU from <paramref name="running"/>.</summary>
    bool ShouldPreempt(int running, long now);

    /// <summary>The next instant the policy wants control without any other event (a boost, an aging step), or <see cref="long.MaxValue"/>.</summary>
    long NextTimer(long now);

    /// <summary>The timer announced by <see cref="NextTimer"/> is due.</summary>
    void OnTimer(long now);
}
