using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Reference;
using Arbiter.Core.Scheduling.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Scheduling;

/// <summary>The event-driven engine against the tick-by-tick reference: identical timelines on thousands of random workloads.</summary>
public class DifferentialTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Theory]
    [InlineData("fifo")]
    [InlineData("sjf")]
    [InlineData("stcf")]
    [InlineData("rr")]
    [InlineData("mlfq")]
    public void Run_RandomWorkload_MatchesTickReference(string policy)
    {
        Check.One(Config, Prop.ForAll(WorkloadGen.Arbitrary(), c =>
        {
            var settings = PropertyTests.Settings(c);
            var fast = Simulator.Run(c.Jobs, PolicyCatalog.Create(policy, settings), new SimulationOptions(c.Cpus));
            var slow = TickSimulator.Run(c.Jobs, policy, c.Cpus, c.Quantum, settings.Mlfq);

            var fastTimeline = fast.Timeline.OrderBy(s => s.Start).ThenBy(s => s.Cpu).ToList();
            Assert.Equal(slow.Timeline, fastTimeline);
            Assert.Equal(slow.FirstRun, fast.Jobs.Select(j => j.FirstRun));
            Assert.Equal(slow.Completion, fast.Jobs.Select(j => j.Completion));
            Assert.Equal(slow.ContextSwitches, fast.Run.ContextSwitches);
        }));
    }

    [Fact]
    public void TickSimulator_TextbookCase_AgreesWithHandComputation()
    {
        // The oracle itself checked on OSTEP figure 7.5 (STCF): A 0-10, B 10-20, C 20-30, A 30-120.
        var run = TickSimulator.Run(Arbiter.Core.Scheduling.Workload.JobListParser.Parse("0:100,10:10,10:10"), "stcf");

        Assert.Equal([(0, 0L, 10L), (1, 10L, 20L), (2, 20L, 30L), (0, 30L, 120L)], run.Timeline.Select(s => (s.Job, s.Start, s.End)));
    }
}
