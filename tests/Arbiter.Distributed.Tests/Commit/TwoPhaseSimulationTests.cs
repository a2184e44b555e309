using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.Commit;

public class TwoPhaseSimulationTests
{
    private static readonly HashSet<int> AllYes = [];

    [Fact]
    public void Healthy_AllYes_CommitWith4NMessages()
    {
        var report = TwoPhaseScenario.Run(3, null, AllYes, 1, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.True(report.Outcome);
        Assert.Equal(12, report.Messages);
        Assert.Equal(["begin", "decision commit", "end"], report.CoordinatorLog);
    }

    [Fact]
    public void CoordinatorCrashAtPrepare_ParticipantsBlockedThenRecoveryAbortsEverywhere()
    {
        var report = TwoPhaseScenario.Run(3, "coordinator@prepare", AllYes, 1, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.Equal([2, 3, 4], report.Blocked);
        Assert.True(report.LongestUncertainty >= TwoPhaseScenario.Downtime - TimeSpan.FromMilliseconds(20));
        Assert.False(report.Outcome);
        Assert.Equal(["begin", "decision abort", "end"], report.CoordinatorLog);
    }

    [Fact]
    public void CoordinatorCrashAtDecision_RecoveryFinishesTheCommit()
    {
        var report = TwoPhaseScenario.Run(3, "coordinator@decision", AllYes, 1, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.True(report.Outcome);
        Assert.Equal(["begin", "decision commit", "end"], report.CoordinatorLog);
    }

    [Fact]
    public void ParticipantCrashAtPrepare_AbortAndTheParticipantLearnsIt()
    {
        var report = TwoPhaseScenario.Run(3, "participant@prepare", AllYes, 1, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.False(report.Outcome);
    }

    [Fact]
    public void ParticipantCrashAtDecision_RestartedParticipantCommitsToo()
    {
        var report = TwoPhaseScenario.Run(3, "participant@decision", AllYes, 1, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.True(report.Outcome);
    }

    [Fact]
    public void Sweep_200SeedsRandomFaults_Atomicity()
    {
        var members = NodeIds.Range(5);
        var sweep = Sweep.Run(new SeedRange(1, 200),
            seed => TwoPhaseScenario.Run(4, null, seed % 3 == 0 ? new HashSet<int> { 3 } : AllYes, seed, ScenarioFaults.Random(members, seed, TimeSpan.FromMilliseconds(100))).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }
}
