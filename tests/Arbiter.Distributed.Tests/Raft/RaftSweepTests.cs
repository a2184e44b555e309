using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>Sweeps over many seeds with the nemesis; every run is checked after every event (Figure 3's properties).</summary>
public class RaftSweepTests
{
    internal static RaftReport Hostile(int seed, int corruptions, bool guard, bool liveness = true) => RaftScenario.Run(new RaftScenarioOptions
    {
        Seed = seed,
        Servers = 3 + (2 * (seed % 2)),
        Operations = 20,
        Concurrency = 3,
        Faults = RaftFaults.Nemesis(3 + (2 * (seed % 2)), seed, TimeSpan.FromSeconds(2), corruptions),
        Network = RaftFaults.Unreliable,
        MaxClockSkew = TimeSpan.FromMilliseconds(50),
        MaxClockDrift = 0.01,
        SnapshotEvery = 8,
        CheckLiveness = liveness,
        Configure = o => o with { GuardTruncatedStorage = guard, MaxEntriesPerMessage = 4 },
    });

    [Fact]
    public void Sweep_300SeedsCrashesPartitionsLossDuplicationReorderingSkewSnapshots_SafeAndLive()
    {
        var sweep = Sweep.Run(new SeedRange(1, 300), seed => Hostile(seed, corruptions: 0, guard: true).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }

    [Fact]
    public void Sweep_200SeedsWithCorruptTailsAndTheGuard_SafeAndLive()
    {
        // At most a minority loses its tail at once (two of five, one of three): with a majority truncated no
        // server may vote, and the group waits for an operator — the guard's documented price.
        var sweep = Sweep.Run(new SeedRange(1, 200), seed => Hostile(seed, corruptions: 1 + (seed % 2), guard: true).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }
}
