using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>Fault mixes for Raft sweeps: the seeded nemesis plus corrupt storage tails and a hostile network.</summary>
public static class RaftFaults
{
    /// <summary>
    /// A seeded nemesis during <paramref name="window"/> — crashes with restarts (a majority stays up), partitions
    /// with heals — plus <paramref name="corruptions"/> corrupt tails, each on a random server that is restarted
    /// 20–120 ms later, never two at once.
    /// </summary>
    public static FaultSchedule Nemesis(int servers, int seed, TimeSpan window, int corruptions = 0)
    {
        var members = NodeIds.Range(servers);
        var nemesis = new NemesisOptions
        {
            CrashRate = 3 / window.TotalSeconds,
            MeanDowntime = window / 10,
            PartitionRate = 3 / window.TotalSeconds,
            MeanPartition = window / 8,
            Until = window,
        };
        var faults = new List<Fault>(Simulation.Nemesis.Generate(nemesis, members, seed).Faults);
        var random = new Random(SeedMixer.Derive(seed, 0, 0, 7));
        long slot = window.Ticks / Math.Max(1, corruptions);
        for (int c = 0; c < corruptions; c++)
        {
            int victim = 1 + random.Next(servers);
            long at = (c * slot) + (long)(random.NextDouble() * slot / 2);
            long back = at + TimeSpan.FromMilliseconds(20 + random.Next(100)).Ticks;
            faults.Add(new Fault(TimeSpan.FromTicks(at), FaultKind.CorruptTail, victim));
            faults.Add(new Fault(TimeSpan.FromTicks(back), FaultKind.Restart, victim));
        }

        faults.Sort((a, b) => a.At.CompareTo(b.At));
        return new FaultSchedule(faults);
    }

    /// <summary>
    /// A seeded plan of <paramref name="changes"/> single-server membership changes spread over
    /// <paramref name="window"/> (dissertation §4.1): servers 1..<paramref name="initialVoters"/> start as voters, the
    /// others are spares. Each step is drawn among what fits: add a spare as a learner, promote a learner, remove a
    /// voter (never below <paramref name="minVoters"/>) or a learner; with <paramref name="addVoters"/> also add a spare
    /// straight as a voter. With <paramref name="readd"/> a removed server becomes a spare again and may come back
    /// with its old storage (a stale log and configuration); otherwise it is gone for good.
    /// </summary>
    public static IReadOnlyList<RaftMembershipStep> RandomMembership(int servers, int initialVoters, int seed, TimeSpan window, int changes, int minVoters = 3,
        bool readd = false, bool addVoters = false)
    {
        var random = new Random(SeedMixer.Derive(seed, 0, 0, 11));
        var voters = new List<int>(Enumerable.Range(1, initialVoters));
        var learners = new List<int>();
        var spares = new List<int>(Enumerable.Range(initialVoters + 1, servers - initialVoters));
        var times = Enumerable.Range(0, changes).Select(_ => TimeSpan.FromTicks((long)(random.NextDouble() * window.Ticks))).Order().ToList();
        var steps = new List<RaftMembershipStep>();
        foreach (TimeSpan at in times)
        {
            var options = new List<RaftConfChange>();
            options.AddRange(spares.Select(n => new RaftConfChange(RaftConfChangeType.AddLearner, n)));
            if (addVoters)
            {
                options.AddRange(spares.Select(n => new RaftConfChange(RaftConfChangeType.AddVoter, n)));
            }

            options.AddRange(learners.Select(n => new RaftConfChange(RaftConfChangeType.PromoteLearner, n)));
            options.AddRange(learners.Select(n => new RaftConfChange(RaftConfChangeType.RemoveServer, n)));
            if (voters.Count > minVoters)
            {
                options.AddRange(voters.Select(n => new RaftConfChange(RaftConfChangeType.RemoveServer, n)));
            }

            if (options.Count == 0)
            {
                break;
            }

            RaftConfChange change = options[random.Next(options.Count)];
            steps.Add(new RaftMembershipStep(at, change));
            int node = change.Node;
            switch (change.Type)
            {
                case RaftConfChangeType.AddLearner:
                    spares.Remove(node);
                    learners.Add(node);
                    break;
                case RaftConfChangeType.AddVoter:
                    spares.Remove(node);
                    voters.Add(node);
                    break;
                case RaftConfChangeType.PromoteLearner:
                    learners.Remove(node);
                    voters.Add(node);
                    break;
                default:
                    voters.Remove(node);
                    learners.Remove(node);
                    if (readd)
                    {
                        spares.Add(node);
                    }

                    break;
            }
        }

        return steps;
    }

    /// <summary>A hostile network: 1–10 ms latency, 3 % loss, 3 % duplication, 20 % reordering.</summary>
    public static NetworkOptions Unreliable { get; } = NetworkOptions.Reliable with { Loss = 0.03, Duplication = 0.03, Reordering = 0.2 };
}
