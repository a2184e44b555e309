using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.MutualExclusion;
using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.MutualExclusion;

public class BrokenMutexTests
{
    /// <summary>A deliberately broken mutex: it enters as soon as it wants, asking nobody.</summary>
    private sealed class Reckless(MutexWorkload workload) : MutexNode<int, NoRecord>(workload)
    {
        public override void Receive(INodeContext<int, NoRecord> context, int from, int message)
        {
        }

        protected override void Acquire(INodeContext<int, NoRecord> context) => Enter(context);

        protected override void Release(INodeContext<int, NoRecord> context)
        {
        }
    }

    [Fact]
    public void Simulation_BrokenMutex_InvariantFailsTheRunWithSeedAndTime()
    {
        var checker = new MutualExclusionChecker();
        var invariant = new CheckerInvariant<int, NoRecord>("mutual-exclusion",
            e =>
            {
                if (e.Kind == TraceKind.Observe)
                {
                    checker.Observe(e.Time, e.Node, e.Payload!);
                }
            },
            () => checker.Violations);
        var result = new Simulation<int, NoRecord>(new SimulationOptions<int, NoRecord>
        {
            Seed = 42,
            Nodes = NodeIds.Range(4),
            NodeFactory = _ => new Reckless(MutexScenario.Workload(10)),
            Invariants = [invariant],
        }).Run();

        var violation = Assert.Single(result.Violations);
        Assert.Equal(StopReason.Violation, result.StopReason);
        Assert.StartsWith("seed 42, at ", violation.ToString(), StringComparison.Ordinal);
        Assert.Contains("entered the critical section while node", violation.Message, StringComparison.Ordinal);
    }
}
