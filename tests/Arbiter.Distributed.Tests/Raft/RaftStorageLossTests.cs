using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// Feature f: a server whose storage tail was cut (the simulator's <c>corrupt N at T</c>) may have lost a vote or
/// acknowledged entries. Without the guard, such a server votes and counts toward commitment as if nothing
/// happened, and committed entries are lost; with it, none are.
/// </summary>
public class RaftStorageLossTests
{
    private static RaftReport Run(int seed, bool guard) => RaftScenario.Run(new RaftScenarioOptions
    {
        Seed = seed,
        Servers = 3,
        Operations = 40,
        Concurrency = 3,
        Faults = RaftFaults.Nemesis(3, seed, TimeSpan.FromSeconds(3), corruptions: 12),
        Network = RaftFaults.Unreliable,
        CheckLiveness = false, // twelve corruptions often leave a majority truncated: the guarded group then waits
        Configure = o => o with { GuardTruncatedStorage = guard },
    });

    [Fact]
    public void Sweep_100SeedsHeavyCorruption_WithoutGuardSomeBreakWithGuardNone()
    {
        var without = Sweep.Run(new SeedRange(1, 100), seed => Run(seed, guard: false).Result);
        var with = Sweep.Run(new SeedRange(1, 100), seed => Run(seed, guard: true).Result);

        Assert.NotEmpty(without.Failures);
        Assert.All(without.Failures, f => Assert.Contains(f.Violations[0].Invariant, new[] { "leader-completeness", "state-machine-safety", "election-safety", "log-matching" }));
        Assert.True(with.Failures.Count == 0, with.Summary());

        // Deterministic: the first failing seed fails again, identically, and passes with the guard.
        int seed = without.FirstFailingSeed!.Value;
        var again = Run(seed, guard: false).Result.Violations[0];
        Assert.Equal(without.Failures[0].Violations[0].Message, again.Message);
        Assert.True(Run(seed, guard: true).Result.Passed);
    }
}
