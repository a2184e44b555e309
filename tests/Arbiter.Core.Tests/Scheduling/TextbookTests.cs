using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Simulation;
using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Core.Tests.Scheduling;

/// <summary>Hand-computed cases from OSTEP ch. 7–9 and Silberschatz ch. 5; every expected number was worked out on paper.</summary>
public class TextbookTests
{
    internal static SimulationResult Run(string jobs, string policy, PolicySettings? settings = null, int cpus = 1) =>
        Simulator.Run(JobListParser.Parse(jobs), PolicyCatalog.Create(policy, settings ?? new PolicySettings()), new SimulationOptions(cpus));

    internal static string Gantt(SimulationResult result) =>
        string.Join(" ", result.Timeline.Select(s => $"{result.Jobs[s.Job].Name}{s.Start}-{s.End}"));

    [Fact]
    public void Fifo_ThreeJobsOfTen_TurnaroundTwentyResponseTen()
    {
        var r = Run("10,10,10", "fifo");

        Assert.Equal([10L, 20, 30], r.Jobs.Select(j => j.Turnaround));
        Assert.Equal(20, r.Run.AverageTurnaround);
        Assert.Equal(10, r.Run.AverageResponse);
        Assert.Equal(2, r.Run.ContextSwitches);
    }

    [Fact]
    public void Fifo_LongJobFirst_ConvoyAverageTurnaround110()
    {
        Assert.Equal(110, Run("100,10,10", "fifo").Run.AverageTurnaround);
    }

    [Fact]
    public void Sjf_LongJobFirstInList_ShortOnesRunFirstAverage50()
    {
        var r = Run("100,10,10", "sjf");

        Assert.Equal("B0-10 C10-20 A20-120", Gantt(r));
        Assert.Equal(50, r.Run.AverageTurnaround);
    }

    [Fact]
    public void Sjf_ShortJobsArriveLater_WaitBehindLongJob()
    {
        // OSTEP figure 7.3: A (100) at 0, B and C (10) at 10; not preemptive, so (100 + 100 + 110) / 3.
        var r = Run("0:100,10:10,10:10", "sjf");

        Assert.Equal([100L, 100, 110], r.Jobs.Select(j => j.Turnaround));
    }

    [Fact]
    public void Stcf_ShortJobsArriveLater_PreemptLongJobAverage50()
    {
        // OSTEP figure 7.5: (120 + 10 + 20) / 3 = 50.
        var r = Run("0:100,10:10,10:10", "stcf");

        Assert.Equal("A0-10 B10-20 C20-30 A30-120", Gantt(r));
        Assert.Equal(50, r.Run.AverageTurnaround);
    }

    [Fact]
    public void Sjf_EqualLengths_TieGoesToOrderGiven()
    {
        Assert.Equal("A0-5 B5-10 C10-15 D15-25", Gantt(Run("5,5,1:5,10", "sjf")));
    }

    [Theory]
    [InlineData(1, 1.0, 14.0)]
    [InlineData(5, 5.0, 10.0)]
    public void RoundRobin_ThreeJobsOfFive_ResponseByQuantum(long quantum, double response, double turnaround)
    {
        // OSTEP §7.7: quantum 1 → responses 0, 1, 2; quantum 5 → 0, 5, 10 (and then RR is FIFO: turnaround 5, 10, 15).
        var r = Run("5,5,5", "rr", new PolicySettings(Quantum: quantum));

        Assert.Equal(response, r.Run.AverageResponse);
        Assert.Equal(turnaround, r.Run.AverageTurnaround);
    }

    [Fact]
    public void RoundRobin_ArrivalAtPreemption_QueuedAheadOfPreemptedJob()
    {
        // A's quantum ends at 2, the moment B arrives: B goes first, then A.
        Assert.Equal("A0-2 B2-4 A4-6", Gantt(Run("0:4,2:2", "rr", new PolicySettings(Quantum: 2))));
    }

    [Fact]
    public void RoundRobin_ExactlyAQuantumLeft_FinishesWithoutRequeue()
    {
        var r = Run("4,4", "rr", new PolicySettings(Quantum: 2));

        Assert.Equal("A0-2 B2-4 A4-6 B6-8", Gantt(r));
        Assert.Equal([6L, 8], r.Jobs.Select(j => j.Completion));
        Assert.Equal(3, r.Run.ContextSwitches);
    }

    [Fact]
    public void RoundRobin_AloneAfterQuantum_OneMergedSegmentNoSwitch()
    {
        var r = Run("10", "rr", new PolicySettings(Quantum: 3));

        Assert.Equal("A0-10", Gantt(r));
        Assert.Equal(0, r.Run.ContextSwitches);
    }

    [Fact]
    public void Fifo_IoPattern_BlocksAndOverlapsWithOtherJob()
    {
        // A computes 2, does I/O for 3, computes 2 more; B fills the gap (FIFO: A returns behind B).
        var r = Run("4:io=2/3,0:5", "fifo");

        Assert.Equal("A0-2 B2-7 A7-9", Gantt(r));
        Assert.Equal(3, r.Jobs[0].Blocked);
        Assert.Equal(2, r.Jobs[0].Wait); // ready 5-7
        Assert.Equal(2, r.Jobs[1].Wait);
    }

    [Fact]
    public void Io_EndsExactlyAtMultiple_CompletesWithoutFinalIo()
    {
        var r = Run("4:io=2/3", "fifo");

        Assert.Equal(7, r.Jobs[0].Completion);
        Assert.Equal(3, r.Jobs[0].Blocked);
    }

    [Fact]
    public void Mlfq_ShortJobArrives_RunsAboveLongJobThenLongResumes()
    {
        // OSTEP figure 8.3: A sinks to the bottom; B arrives at 100 at the top, runs its two quanta, A resumes.
        var r = Run("0:200,100:20", "mlfq", new PolicySettings(Quantum: 10));

        Assert.Equal("A0-100 B100-120 A120-220", Gantt(r));
        Assert.Equal(20, r.Jobs[1].Turnaround);
    }

    [Fact]
    public void Mlfq_ArrivalMidSliceAtBottom_PreemptsAtOnce()
    {
        var r = Run("0:100,55:10", "mlfq", new PolicySettings(Quantum: 10));

        Assert.Equal("A0-55 B55-65 A65-110", Gantt(r));
    }

    [Fact]
    public void Mlfq_BoostPutsLongJobBackOnTop_NewcomerWaitsItsTurn()
    {
        // Boost at 50 lifts A to the top again, so B (arriving at 55) no longer outranks it and waits until 60.
        var mlfq = MlfqOptions.Uniform(3, 10, boostPeriod: 50);
        var r = Run("0:100,55:10", "mlfq", new PolicySettings(Mlfq: mlfq));

        Assert.Equal("A0-60 B60-70 A70-110", Gantt(r));
        Assert.Equal(5, r.Jobs[1].Response);
    }

    [Theory]
    [InlineData(false, 38L, 48L)]
    [InlineData(true, 28L, 48L)]
    public void Mlfq_IoJustBeforeQuantumEnds_GamingOnlyPaysWhenIoResets(bool resets, long a, long b)
    {
        // A does I/O after 9 of its 10-tick quantum. Counted: A is demoted after 1 more tick; reset: it stays on top.
        var mlfq = new MlfqOptions([10, 10], [1, 1], IoResetsAllotment: resets);
        var r = Run("18:io=9/1,30", "mlfq", new PolicySettings(Mlfq: mlfq));

        Assert.Equal([a, b], r.Jobs.Select(j => j.Completion));
    }

    [Fact]
    public void Mlfq_IoToFront_ReturningJobRunsBeforeQueuedOne()
    {
        // A blocks at 2 for 1; B runs 2-4; at 3 A returns. Tail: C (queued at 0) goes before A; front: A goes first.
        var tail = Run("4:io=2/1,2,2", "mlfq", new PolicySettings(Mlfq: new MlfqOptions([10], [1])));
        var front = Run("4:io=2/1,2,2", "mlfq", new PolicySettings(Mlfq: new MlfqOptions([10], [1], IoToFront: true)));

        Assert.Equal("A0-2 B2-4 C4-6 A6-8", Gantt(tail));
        Assert.Equal("A0-2 B2-4 A4-6 C6-8", Gantt(front));
    }

    [Fact]
    public void Priority_MoreUrgentArrival_Preempts()
    {
        var r = Run("0:10:prio=2,2:5:prio=1", "priority", new PolicySettings(Aging: 0));

        Assert.Equal("A0-2 B2-7 A7-15", Gantt(r));
    }

    [Fact]
    public void Priority_Aging_LowPriorityJobGetsInAfterFourSteps()
    {
        // B (3) must beat A (0): 3 − ⌊w/5⌋ < 0 from w = 20.
        var r = Run("30:prio=0,5:prio=3", "priority", new PolicySettings(Aging: 5));

        Assert.Equal("A0-20 B20-25 A25-35", Gantt(r));
    }

    [Fact]
    public void Priority_NoAging_LowPriorityJobWaitsForAll()
    {
        Assert.Equal("A0-30 B30-35", Gantt(Run("30:prio=0,5:prio=3", "priority", new PolicySettings(Aging: 0))));
    }

    [Fact]
    public void Stride_Tickets100_50_250_FollowsOstepTable()
    {
        // OSTEP figure 9.3: strides 100, 200, 40; order A B C C C A C C, then all passes are 200 and A (given first) runs.
        var r = Run("100:tickets=100,100:tickets=50,100:tickets=250", "stride", new PolicySettings(Quantum: 1));

        Assert.StartsWith("A0-1 B1-2 C2-5 A5-6 C6-8 A8-9 ", Gantt(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Cfs_TwoEqualJobs_AlternateHalfTargetLatency()
    {
        var r = Run("100,100", "cfs");

        Assert.Equal("A0-24 B24-48 A48-72 B72-96 A96-120 B120-144 A144-168 B168-192 A192-196 B196-200", Gantt(r));
    }

    [Fact]
    public void Cfs_NiceFive_GetsSliceByWeightAndRunsAgainWhileBehind()
    {
        // Weights 1024 and 335: slices 48·1024/1359 = 36 and 48·335/1359 = 11; B's vruntime after 11 ticks is 33.6 < 36.
        var r = Run("200:nice=0,200:nice=5", "cfs");

        Assert.StartsWith("A0-36 B36-58 A58-94 ", Gantt(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Cfs_ManyJobs_PeriodStretchesToMinGranularity()
    {
        // 10 runnable jobs: 10 · 6 = 60 > 48, so each slice is 60 / 10 = 6.
        var r = Run(string.Join(",", Enumerable.Repeat("12", 10)), "cfs");

        Assert.All(r.Timeline.Take(10), s => Assert.Equal(6, s.Length));
    }

    [Fact]
    public void TwoCpus_FifoThreeJobs_ThirdTakesFirstFreeCpu()
    {
        var r = Run("10,20,5", "fifo", cpus: 2);

        Assert.Equal([(0, 0L, 10L), (1, 0L, 20L), (0, 10L, 15L)], r.Timeline.Select(s => (s.Cpu, s.Start, s.End)));
        Assert.Equal(35.0 / 40, r.Utilisation);
    }

    [Fact]
    public void TwoCpus_Stcf_PreemptsJobWithMostWorkLeft()
    {
        var r = Run("0:50,0:30,5:10", "stcf", cpus: 2);

        Assert.Equal("B0-30 A0-5 C5-15 A15-60", Gantt(r)); // B (shortest) takes CPU 0, A CPU 1; C preempts A
    }

    [Fact]
    public void Fairness_FifoVersusRoundRobin_OneOverNAgainstNearlyOne()
    {
        Assert.Equal(1.0 / 3, Run("10,10,10", "fifo").Run.Fairness!.Value, 9);
        // RR, quantum 1: up to the first completion (28) A got 10 ticks, B and C 9: 28² / (3 · 262).
        Assert.Equal(784.0 / 786, Run("10,10,10", "rr", new PolicySettings(Quantum: 1)).Run.Fairness!.Value, 9);
    }

    [Fact]
    public void Fairness_JobDoneBeforeLastArrival_NoWindow()
    {
        Assert.Null(Run("0:5,10:5", "fifo").Run.Fairness);
    }

    [Fact]
    public void Jain_OneTakesAll_OneOverN()
    {
        Assert.Equal(0.25, Fairness.Jain([4, 0, 0, 0]));
        Assert.Equal(1, Fairness.Jain([2, 2]));
        Assert.Equal((3.0 * 3) / (2 * 5), Fairness.Jain([1, 2])!.Value, 12);
    }
}
