using Arbiter.Core.Deadlock.Prevention;
using Arbiter.Core.Resources;
using static Arbiter.Core.Deadlock.Prevention.ScriptStep;

namespace Arbiter.Core.Tests.Deadlock.Prevention;

public class TimeoutRetrySimulationTests
{
    [Fact]
    public void Simulate_TwoLocksWithoutPolicy_DeadlocksAtTick2()
    {
        // Tick 1: P1 takes A, P2 takes B. Tick 2: P1 waits for B, P2 waits for A — nobody can move.
        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.TwoLocks());

        Assert.False(report.Completed);
        Assert.Equal(2, report.DeadlockTick);
        Assert.Equal(["P1", "P2"], report.Deadlocked);
        Assert.Equal(2, report.Ticks);
        Assert.False(report.Livelock);
        Assert.Equal(
            [
                (1, "P1", SimulationEventKind.Acquire), (1, "P2", SimulationEventKind.Acquire),
                (2, "P1", SimulationEventKind.Wait), (2, "P2", SimulationEventKind.Wait),
                (2, "P1", SimulationEventKind.Deadlock), (2, "P2", SimulationEventKind.Deadlock),
            ],
            report.Timeline.Select(e => (e.Tick, e.Process, e.Kind)));
        Assert.Equal("waits for B (held by P2)", report.Timeline[2].Detail);
    }

    [Fact]
    public void Simulate_TwoLocksWithTimeout1_P1BacksOffAndBothCompleteAtTick8()
    {
        // Tick 2 both block (a deadlock forms); tick 3 P1 has waited 1 tick, releases A and sits out tick 4
        // (backoff 1·(0+1)·1); P2 acts after P1 in tick 3 and takes A. P2: release A (4), release B (5).
        // P1 restarts: A (5), B (6), release B (7), release A (8).
        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.TwoLocks(), new TimeoutRetryOptions(Timeout: 1));

        Assert.True(report.Completed);
        Assert.Equal(8, report.Ticks);
        Assert.Equal([1, 0], report.Retries);
        Assert.Equal(2, report.DeadlockTick);
        Assert.False(report.Livelock);
        SimulationEvent timeout = Assert.Single(report.Timeline, e => e.Kind == SimulationEventKind.Timeout);
        Assert.Equal((3, "P1"), (timeout.Tick, timeout.Process));
        Assert.Contains("releases A", timeout.Detail, StringComparison.Ordinal);
        Assert.Equal([5, 8], report.Timeline.Where(e => e.Kind == SimulationEventKind.Finish).Select(e => e.Tick));
    }

    [Fact]
    public void Simulate_PhilosophersWithoutPolicy_AllFiveDeadlockAtTick2()
    {
        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.Philosophers(5));

        Assert.False(report.Completed);
        Assert.Equal(2, report.DeadlockTick);
        Assert.Equal(["P0", "P1", "P2", "P3", "P4"], report.Deadlocked);
    }

    [Fact]
    public void Simulate_PhilosophersWithOrderingFix_CompletesAtTick11WithoutDeadlock()
    {
        // P4 waits for F0 from tick 1; P3 gets F4 at tick 2 and eats at 3; then P2 (F3 at 4, done 5), P1 (6, 7),
        // P0 (8, 9); P4 takes F0 at tick 9 right after P0 put it down, F4 at 10, done at 11.
        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.Philosophers(5, lastReversed: true));

        Assert.True(report.Completed);
        Assert.Null(report.DeadlockTick);
        Assert.Empty(report.Deadlocked);
        Assert.Equal(11, report.Ticks);
        Assert.Equal(
            [("P3", 3), ("P2", 5), ("P1", 7), ("P0", 9), ("P4", 11)],
            report.Timeline.Where(e => e.Kind == SimulationEventKind.Finish).Select(e => (e.Process, e.Tick)));
    }

    [Fact]
    public void Simulate_PhilosophersWithTimeout_CompletesWithRetries()
    {
        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.Philosophers(5), new TimeoutRetryOptions(Timeout: 2));

        Assert.True(report.Completed);
        Assert.Equal(2, report.DeadlockTick);
        Assert.True(report.Retries.Sum() > 0);
        Assert.Equal(report.Retries.Sum(), report.Timeline.Count(e => e.Kind == SimulationEventKind.Timeout));
    }

    [Fact]
    public void Simulate_TickBoundReachedUnderPolicy_ReportsLivelock()
    {
        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.TwoLocks(), new TimeoutRetryOptions(Timeout: 1, MaxTicks: 4));

        Assert.False(report.Completed);
        Assert.True(report.Livelock);
        Assert.Equal(4, report.Ticks);
    }

    [Fact]
    public void Step_TwoLocks_LedgerHoldsAllocationAndBlockedRequests()
    {
        var simulation = new TimeoutRetrySimulation(SeedScripts.TwoLocks(), new TimeoutRetryOptions());

        Assert.True(simulation.Step());
        ResourceLedger afterTick1 = simulation.LedgerSnapshot();
        Assert.Equal([1, 0, 0, 1], afterTick1.AllocationMatrix.ToArray());
        Assert.Equal([0, 0, 0, 0], afterTick1.RequestMatrix.ToArray());

        Assert.True(simulation.Step());
        ResourceLedger afterTick2 = simulation.LedgerSnapshot();
        Assert.Equal([0, 1, 1, 0], afterTick2.RequestMatrix.ToArray());
        Assert.Equal([0, 0], afterTick2.Available.ToArray());
        Assert.True(simulation.IsOver);
        Assert.False(simulation.Step());
    }

    [Fact]
    public void Simulate_ScheduleLetsP1RunAlone_NoDeadlock()
    {
        // With P1 running its whole script first, the two-lock script is harmless.
        var options = new TimeoutRetryOptions(Schedule: [[0], [0], [0], [0]]);

        TimeoutRetryReport report = TimeoutRetry.Simulate(SeedScripts.TwoLocks(), options);

        Assert.True(report.Completed);
        Assert.Null(report.DeadlockTick);
        Assert.Equal(8, report.Ticks);
    }

    [Fact]
    public void Simulate_UnreleasedResources_AreReleasedWhenTheProcessFinishes()
    {
        var script = new AcquisitionScript(["A"], [ScriptProcess.Of("P1", Acquire("A")), ScriptProcess.Of("P2", Acquire("A"))]);

        TimeoutRetryReport report = TimeoutRetry.Simulate(script);

        Assert.True(report.Completed);
        Assert.Equal(1, report.Ticks); // P1 takes A and finishes (releasing it) before P2's turn in tick 1
        Assert.Equal("finishes and releases A", report.Timeline[1].Detail);
    }

    [Fact]
    public void Constructor_BadSchedule_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new TimeoutRetrySimulation(SeedScripts.TwoLocks(), new TimeoutRetryOptions(Schedule: [[0, 0]])));
        Assert.Throws<ArgumentException>(() =>
            new TimeoutRetrySimulation(SeedScripts.TwoLocks(), new TimeoutRetryOptions(Timeout: -1)));
    }
}
