using System.Collections.Concurrent;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Sweeps;
using Xunit.Abstractions;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// The nemesis sweep with membership changes interleaved (dissertation chapter 4): five servers, three voting at
/// first, two spares; a random plan adds learners, promotes them, removes voters (never below three) and learners,
/// while crashes, partitions, loss, duplication, reordering, clock skew and snapshots go on. Every invariant of
/// <see cref="RaftSafetyChecker"/> is checked after every event; liveness (every command and every change
/// acknowledged, the final members converged) once the faults stop.
/// </summary>
public class RaftMembershipSweepTests(ITestOutputHelper output)
{
    /// <summary>Odd seeds also add voters directly and bring removed servers back with their old storage.</summary>
    internal static IReadOnlyList<RaftMembershipStep> Plan(int seed) =>
        RaftFaults.RandomMembership(5, 3, seed, TimeSpan.FromSeconds(2), changes: 3 + (seed % 4) + (2 * (seed % 2)), readd: seed % 2 == 1, addVoters: seed % 2 == 1);

    internal static RaftReport Run(int seed) => RaftScenario.Run(new RaftScenarioOptions
    {
        Seed = seed,
        Servers = 5,
        InitialVoters = 3,
        Operations = 20,
        Concurrency = 3,
        Faults = RaftFaults.Nemesis(5, seed, TimeSpan.FromSeconds(2)),
        Membership = Plan(seed),
        Network = RaftFaults.Unreliable,
        MaxClockSkew = TimeSpan.FromMilliseconds(50),
        MaxClockDrift = 0.01,
        SnapshotEvery = 8,
        Configure = o => o with { MaxEntriesPerMessage = 4 },
    });

    [Fact]
    public void Sweep_300SeedsNemesisWithRandomMembershipChanges_SafeAndLive()
    {
        var wrongEnd = new ConcurrentBag<string>();
        int changes = 0, leaderRemovals = 0;
        var sweep = Sweep.Run(new SeedRange(1, 300), seed =>
        {
            RaftReport report = Run(seed);
            var plan = Plan(seed);
            RaftConfiguration expected = plan.Aggregate(new RaftConfiguration([1, 2, 3], []), (c, s) => c.Apply(s.Change));
            if (report.Result.Passed && (report.ChangesAcknowledged != plan.Count || !expected.Equals(report.Configuration)))
            {
                wrongEnd.Add($"seed {seed}: {report.ChangesAcknowledged}/{plan.Count} changes, ended with {report.Configuration}, planned {expected}");
            }

            Interlocked.Add(ref changes, report.ChangesAcknowledged);
            Interlocked.Add(ref leaderRemovals, LeaderRemovals(report));
            return report.Result;
        });

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
        Assert.Empty(wrongEnd);
        output.WriteLine($"{changes} membership changes acknowledged over 300 runs; {leaderRemovals} removals took out the leader of the moment");
    }

    /// <summary>
    /// The long membership sweep, on demand: <c>RAFT_MEMBERSHIP_SEEDS=1..5000 dotnet test tests/Arbiter.Distributed.Tests
    /// -c Release --filter FullyQualifiedName~RaftMembershipLongSweep</c>; 20 seeds without the variable.
    /// </summary>
    [Fact]
    public void RaftMembershipLongSweep_SeedsFromEnvironment_SafeAndLive()
    {
        var seeds = SeedRange.Parse(Environment.GetEnvironmentVariable("RAFT_MEMBERSHIP_SEEDS") ?? "1001..1020");

        var sweep = Sweep.Run(seeds, seed => Run(seed).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }

    /// <summary>Removals that took out the server leading when the change was first applied anywhere.</summary>
    private static int LeaderRemovals(RaftReport report)
    {
        int leader = 0, count = 0;
        long leaderTerm = 0, lastIndex = 0;
        RaftConfiguration config = new([1, 2, 3], []);
        foreach (var o in report.Result.Observations)
        {
            if (o.Value is RaftBecameLeader b && b.Term > leaderTerm)
            {
                (leader, leaderTerm) = (b.Node, b.Term);
            }
            else if (o.Value is RaftConfigurationApplied a && a.Index > lastIndex)
            {
                lastIndex = a.Index;
                if (config.IsVoter(leader) && !a.Configuration.IsMember(leader))
                {
                    count++;
                }

                config = a.Configuration;
            }
        }

        return count;
    }

    [Fact]
    public void RandomMembership_Seed_EveryPlanKeepsThreeVotersAndChangesOneServerAtATime()
    {
        for (int seed = 1; seed <= 300; seed++)
        {
            var plan = Plan(seed);
            var config = new RaftConfiguration([1, 2, 3], []);
            foreach (var step in plan)
            {
                var next = config.Apply(step.Change);
                Assert.True(next.Voters.Count >= 3, $"seed {seed}: {next}");
                Assert.True(RaftSafetyChecker.OneVoterApart(config, next), $"seed {seed}: {config} -> {next}");
                config = next;
            }
        }
    }
}
