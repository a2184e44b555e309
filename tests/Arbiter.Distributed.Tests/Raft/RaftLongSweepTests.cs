using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// The long sweep, on demand: <c>RAFT_SWEEP_SEEDS=1..5000 dotnet test tests/Arbiter.Distributed.Tests -c Release
/// --filter FullyQualifiedName~RaftLongSweep</c>. Without the variable it sweeps 20 seeds (kept in the suite so the
/// command cannot rot). Same mix as the suite's sweeps: nemesis crashes and partitions, loss, duplication,
/// reordering, clock skew and drift, snapshots, and one or two corrupt tails per run with the guard on.
/// </summary>
public class RaftLongSweepTests
{
    [Fact]
    public void RaftLongSweep_SeedsFromEnvironment_SafeAndLive()
    {
        var seeds = SeedRange.Parse(Environment.GetEnvironmentVariable("RAFT_SWEEP_SEEDS") ?? "1001..1020");

        var sweep = Sweep.Run(seeds, seed => RaftSweepTests.Hostile(seed, corruptions: 1 + (seed % 2), guard: true).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }
}
