using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;
using Xunit.Abstractions;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// Leaders writing in parallel with replication (dissertation §10.2.1) under the nemesis, with a disk that takes
/// time (<see cref="SimulationOptions{TMessage, TRecord}.DiskLatency"/>): crashes now fall between a leader's early
/// appends and its own write, the window the design must survive. Every run is checked after every event
/// (<see cref="RaftSafetyChecker"/>) and for liveness once the faults stop. A negative control shows the window bites.
/// </summary>
public class RaftParallelWriteSweepTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Disk = TimeSpan.FromMilliseconds(10);

    private static RaftReport Hostile(int seed, Func<int, INode<RaftMessage, RaftRecord>, INode<RaftMessage, RaftRecord>>? wrap = null, bool parallel = true) =>
        RaftScenario.Run(new RaftScenarioOptions
        {
            Seed = seed,
            Servers = 3 + (2 * (seed % 2)),
            Operations = 20,
            Concurrency = 3,
            Faults = RaftFaults.Nemesis(3 + (2 * (seed % 2)), seed, TimeSpan.FromSeconds(2)),
            Network = RaftFaults.Unreliable,
            DiskLatency = Disk,
            MaxClockSkew = TimeSpan.FromMilliseconds(50),
            MaxClockDrift = 0.01,
            SnapshotEvery = 8,
            WrapServer = wrap,
            CheckLiveness = wrap is null,
            Patience = wrap is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(1),
            Configure = o => o with { LeaderWritesInParallel = parallel, MaxEntriesPerMessage = 4 },
        });

    [Fact]
    public void Sweep_200SeedsParallelLeaderWritesSlowDisk_SafeAndLive()
    {
        long early = 0, lost = 0;
        var sweep = Sweep.Run(new SeedRange(1, 200), seed =>
        {
            RaftReport report = Hostile(seed);
            Interlocked.Add(ref early, report.Result.Counters.SentEarly);
            Interlocked.Add(ref lost, report.Result.Counters.WritesLost);
            return report.Result;
        });

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
        // The window was exercised: appends went early, and crashes caught writes under way.
        Assert.True(early > 10_000, $"early messages {early}");
        Assert.True(lost > 50, $"writes lost in crashes {lost}");
    }

    [Fact]
    public void Sweep_100SeedsTextbookOrderSlowDisk_SafeAndLive()
    {
        // The disk model also lets calls run while earlier writes are under way (as the TCP host's batches do).
        var sweep = Sweep.Run(new SeedRange(1, 100), seed => Hostile(seed, parallel: false).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }

    private static RaftReport GrowFromOne(int seed, Func<int, INode<RaftMessage, RaftRecord>, INode<RaftMessage, RaftRecord>>? wrap = null) =>
        RaftScenario.Run(new RaftScenarioOptions
        {
            Seed = seed,
            Servers = 3,
            InitialVoters = 1,
            Operations = 20,
            Concurrency = 3,
            Faults = RaftFaults.Nemesis(3, seed, TimeSpan.FromSeconds(2)),
            Membership =
            [
                new(TimeSpan.FromMilliseconds(200), new RaftConfChange(RaftConfChangeType.AddLearner, 2)),
                new(TimeSpan.FromMilliseconds(600), new RaftConfChange(RaftConfChangeType.PromoteLearner, 2)),
                new(TimeSpan.FromMilliseconds(900), new RaftConfChange(RaftConfChangeType.AddLearner, 3)),
                new(TimeSpan.FromMilliseconds(1300), new RaftConfChange(RaftConfChangeType.PromoteLearner, 3)),
            ],
            DiskLatency = Disk,
            SnapshotEvery = 8,
            WrapServer = wrap,
            CheckLiveness = wrap is null,
            Patience = wrap is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(1),
            Configure = o => o with { LeaderWritesInParallel = true },
        });

    [Fact]
    public void Sweep_200SeedsGrowingFromOneVoterParallelWritesSlowDisk_SafeAndLive()
    {
        // One voter is the case where the leader's own copy IS the majority: it must count only once written.
        var sweep = Sweep.Run(new SeedRange(1, 200), seed => GrowFromOne(seed).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }

    [Fact]
    public void Sweep_GrowingFromOneVoterLeaderCountingItsUnwrittenCopy_CaughtByTheCheckers()
    {
        // Negative control: the naive parallel write — appends early AND the leader's own copy counted at once (its
        // acknowledgement delivered before its write) — must break a safety property on some seed: a learner
        // applies an entry that the lone voter then loses in a crash and replaces. Else the sweep above proves nothing.
        var sweep = Sweep.Run(new SeedRange(1, 200), seed => GrowFromOne(seed, (_, node) => new OwnCopyCountedAtOnce(node)).Result);

        Assert.NotEmpty(sweep.Failures);
        output.WriteLine(sweep.Summary());
    }

    /// <summary>A leader that counts its own copy before it is written: its acknowledgement to itself goes early.</summary>
    private sealed class OwnCopyCountedAtOnce(INode<RaftMessage, RaftRecord> inner) : INode<RaftMessage, RaftRecord>
    {
        public void Start(INodeContext<RaftMessage, RaftRecord> context) => inner.Start(new Context(context));

        public void Receive(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage message) => inner.Receive(new Context(context), from, message);

        public void Fire(INodeContext<RaftMessage, RaftRecord> context, string timer) => inner.Fire(new Context(context), timer);

        private sealed class Context(INodeContext<RaftMessage, RaftRecord> real) : INodeContext<RaftMessage, RaftRecord>
        {
            public int Self => real.Self;

            public IReadOnlyList<int> Members => real.Members;

            public TimeSpan Now => real.Now;

            public Random Random => real.Random;

            public IReadOnlyList<RaftRecord> Recovered => real.Recovered;

            public bool RecoveredTruncated => real.RecoveredTruncated;

            public void Send(int destination, RaftMessage message)
            {
                if (destination == real.Self && message is RaftMessage.AppendResponse)
                {
                    real.SendEarly(destination, message);
                }
                else
                {
                    real.Send(destination, message);
                }
            }

            public void SendEarly(int destination, RaftMessage message) => real.SendEarly(destination, message);

            public void SetTimer(string name, TimeSpan delay) => real.SetTimer(name, delay);

            public void CancelTimer(string name) => real.CancelTimer(name);

            public void Persist(RaftRecord record) => real.Persist(record);

            public void Compact(IReadOnlyList<RaftRecord> records) => real.Compact(records);

            public void CompactInBackground(IReadOnlyList<RaftRecord> records) => real.CompactInBackground(records);

            public void Observe(object observation) => real.Observe(observation);
        }
    }
}
