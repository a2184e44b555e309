using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.Consensus;

public class PaxosSimulationTests
{
    [Fact]
    public void OneProposer_Healthy_ChosenWithTextbookCount()
    {
        var report = PaxosScenario.Run(1, 5, seed: 1, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.Equal("v1", report.Chosen);
        Assert.Equal(report.Theory, report.Messages); // (3 + 1)·5 = 20
    }

    [Fact]
    public void CompetingProposers_AcceptorMinorityCrashed_AgreementAndTermination()
    {
        var faults = new ScenarioFaults(FaultSchedule.Parse("crash 4 at 5ms, crash 5 at 5ms, restart 4 at 500ms"), NetworkOptions.Reliable);
        var report = PaxosScenario.Run(3, 5, seed: 6, faults);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        Assert.Contains(report.Chosen, new[] { "v1", "v2", "v3" });
    }

    [Fact]
    public void Sweep_200SeedsCompetingProposersRandomFaults_AgreementValidityTermination()
    {
        var members = NodeIds.Range(8);
        var sweep = Sweep.Run(new SeedRange(1, 200),
            seed => PaxosScenario.Run(3, 5, seed, ScenarioFaults.Random(members, seed, TimeSpan.FromMilliseconds(500))).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }
}
