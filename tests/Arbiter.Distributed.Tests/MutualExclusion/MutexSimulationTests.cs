using Arbiter.Core.Distributed.MutualExclusion;
using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.MutualExclusion;

public class MutexSimulationTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void RicartAgrawala_Healthy_Exactly2NMinus1PerEntry(int n)
    {
        var report = MutexScenario.Run("ricart-agrawala", n, 30, seed: 7, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.Equal(30, report.Entries);
        Assert.Equal(2.0 * (n - 1), report.MessagesPerEntry);
    }

    [Fact]
    public void Central_Healthy_ThreePerEntryAllServed()
    {
        var report = MutexScenario.Run("central", 5, 40, seed: 3, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.Equal(40, report.Entries);
        Assert.Equal(3.0, report.MessagesPerEntry);
    }

    [Fact]
    public void TokenRing_Healthy_AllServedNoRegeneration()
    {
        var report = MutexScenario.Run("token-ring", 5, 40, seed: 3, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.Equal(40, report.Entries);
        Assert.Equal(0, report.Regenerations);
    }

    [Fact]
    public void TokenRing_TokenHolderCrashes_OneTokenRegeneratedAllServedAfterRestart()
    {
        var schedule = FaultSchedule.Parse("crash 3 at 200ms, restart 3 at 400ms");
        var report = MutexScenario.Run("token-ring", 5, 40, seed: 5, new ScenarioFaults(schedule, NetworkOptions.Reliable));

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.True(report.Entries >= 40);
        Assert.InRange(report.Regenerations, 0, 1);
    }

    [Theory]
    [InlineData("central")]
    [InlineData("ricart-agrawala")]
    [InlineData("token-ring")]
    public void Sweep_200SeedsRandomFaults_NeverTwoInside(string algorithm)
    {
        var members = NodeIds.Range(5);
        var sweep = Sweep.Run(new SeedRange(1, 200),
            seed => MutexScenario.Run(algorithm, 5, 20, seed, ScenarioFaults.Random(members, seed, MutexScenario.FaultWindow(5, 20))).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }

    [Fact]
    public void SameSeed_IdenticalTrace()
    {
        var faults = ScenarioFaults.Random(NodeIds.Range(4), 11, TimeSpan.FromSeconds(1));
        var a = MutexScenario.Run("token-ring", 4, 10, 11, faults, recordTrace: true).Result.Trace.Select(e => e.Describe());
        var b = MutexScenario.Run("token-ring", 4, 10, 11, faults, recordTrace: true).Result.Trace.Select(e => e.Describe());

        Assert.Equal(a, b);
    }
}
