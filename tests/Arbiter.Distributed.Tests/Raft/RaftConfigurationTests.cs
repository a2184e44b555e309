using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>Configurations (dissertation §4.1) and how the log tracks them: the latest entry wins, truncation falls
/// back, snapshots carry them, restarts recover them.</summary>
public class RaftConfigurationTests
{
    private static readonly RaftConfiguration Three = new([1, 2, 3], []);

    private static RaftEntry Cmd(long term, long index) => new(term, index, [(byte)index]);

    private static RaftEntry Conf(long term, long index, RaftConfiguration c) => new(term, index, []) { Configuration = c };

    /// <summary>The slow reference: every majority of <paramref name="a"/>'s voters meets every majority of <paramref name="b"/>'s.</summary>
    private static bool MajoritiesOverlap(RaftConfiguration a, RaftConfiguration b)
    {
        static List<HashSet<int>> Majorities(IReadOnlyList<int> voters)
        {
            var all = new List<HashSet<int>>();
            for (int mask = 0; mask < 1 << voters.Count; mask++)
            {
                var set = Enumerable.Range(0, voters.Count).Where(i => (mask & (1 << i)) != 0).Select(i => voters[i]).ToHashSet();
                if (set.Count > voters.Count / 2)
                {
                    all.Add(set);
                }
            }

            return all;
        }

        var mb = Majorities(b.Voters);
        return Majorities(a.Voters).All(x => mb.All(y => x.Overlaps(y)));
    }

    [Fact]
    public void Apply_EachChange_HandComputed()
    {
        RaftConfiguration c = Three.Apply(new(RaftConfChangeType.AddLearner, 4));
        Assert.Equal("voters {1,2,3} learners {4}", c.ToString());
        c = c.Apply(new(RaftConfChangeType.PromoteLearner, 4));
        Assert.Equal("voters {1,2,3,4}", c.ToString());
        Assert.Equal(3, c.Quorum);
        c = c.Apply(new(RaftConfChangeType.RemoveServer, 1)).Apply(new(RaftConfChangeType.AddVoter, 9));
        Assert.Equal(new RaftConfiguration([9, 4, 3, 2], []), c);
        Assert.Equal(3, c.Quorum);
    }

    [Fact]
    public void Check_LastVoter_CannotBeRemoved()
    {
        var one = new RaftConfiguration([1], [2]);

        Assert.Equal("server 1 is the last voter", one.Check(new(RaftConfChangeType.RemoveServer, 1)));
        Assert.Null(one.Check(new(RaftConfChangeType.RemoveServer, 2)));
    }

    [Fact]
    public void MajoritiesOverlap_TwoVotersAddedAtOnce_False()
    {
        // The reference can say no: {1,2} and {3,4,5} are majorities of {1,2,3} and {1,...,5} (why §4.1 adds one at a time).
        Assert.False(MajoritiesOverlap(Three, new RaftConfiguration([1, 2, 3, 4, 5], [])));
        Assert.False(RaftSafetyChecker.OneVoterApart(Three, new RaftConfiguration([1, 2, 3, 4, 5], [])));
    }

    [Fact]
    public void AcceptedChangeSequences_ConsecutiveMajoritiesOverlap()
    {
        // Any sequence of single-server changes the configuration accepts keeps each configuration's majorities
        // meeting the next one's (§4.1), checked against the brute-force reference on every step.
        var change = from t in Gen.Elements(Enum.GetValues<RaftConfChangeType>()) from n in Gen.Choose(1, 7) select new RaftConfChange(t, n);
        Prop.ForAll(Gen.ListOf(change).Select(l => l.Take(30).ToList()).ToArbitrary(), changes =>
        {
            RaftConfiguration c = Three;
            foreach (RaftConfChange ch in changes)
            {
                if (c.Check(ch) is not null)
                {
                    continue;
                }

                RaftConfiguration next = c.Apply(ch);
                if (!MajoritiesOverlap(c, next) || !RaftSafetyChecker.OneVoterApart(c, next) || next.Voters.Count == 0)
                {
                    return false;
                }

                c = next;
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Log_ConfigurationEntryTruncated_PreviousConfigurationAgain()
    {
        var log = new RaftLog(RaftRecovered.Empty, Three);
        var withLearner = Three.Apply(new(RaftConfChangeType.AddLearner, 4));
        Assert.True(log.MaybeAppend(0, 0, [Cmd(1, 1), Conf(1, 2, withLearner), Cmd(1, 3)], 1) >= 0);
        Assert.Equal((withLearner, 2L), (log.Configuration, log.ConfigurationIndex));

        // A new leader's entries conflict at index 2: the uncommitted configuration entry goes, and with it the learner.
        Assert.True(log.MaybeAppend(1, 1, [Cmd(2, 2)], 1) >= 0);

        Assert.Equal(Three, log.Configuration);
        Assert.Equal(0, log.ConfigurationIndex);
    }

    [Fact]
    public void Log_Compact_SnapshotCarriesTheConfigurationAtItsIndex()
    {
        var log = new RaftLog(RaftRecovered.Empty, Three);
        var a = Three.Apply(new(RaftConfChangeType.AddLearner, 4));
        var b = a.Apply(new(RaftConfChangeType.PromoteLearner, 4));
        log.MaybeAppend(0, 0, [Cmd(1, 1), Conf(1, 2, a), Cmd(1, 3), Conf(1, 4, b)], 4);
        log.AppliedTo(4);

        RaftSnapshot snapshot = log.Compact(3, [1]);

        Assert.Equal(a, snapshot.Configuration);
        Assert.Equal(b, log.Configuration);
        Assert.Equal(a, log.ConfigurationAt(3));
    }

    [Fact]
    public void Log_Recovered_FromEntriesElseSnapshotElseInitial()
    {
        var a = Three.Apply(new(RaftConfChangeType.AddLearner, 4));
        var b = a.Apply(new(RaftConfChangeType.PromoteLearner, 4));
        var snapshot = new RaftSnapshot(5, 1, []) { Configuration = a };

        var fromEntries = new RaftLog(new RaftRecovered(new HardState(1, 0, 6), snapshot, [Cmd(1, 6), Conf(1, 7, b)], false), Three);
        var fromSnapshot = new RaftLog(new RaftRecovered(new HardState(1, 0, 6), snapshot, [Cmd(1, 6)], false), Three);
        var legacy = new RaftLog(new RaftRecovered(new HardState(1, 0, 6), snapshot with { Configuration = null }, [Cmd(1, 6)], false), Three);

        Assert.Equal(b, fromEntries.Configuration);
        Assert.Equal(b, new RaftRecovered(new HardState(1, 0, 6), snapshot, [Cmd(1, 6), Conf(1, 7, b)], false).LatestConfiguration(Three));
        Assert.Equal(a, new RaftRecovered(new HardState(1, 0, 6), snapshot, [Cmd(1, 6)], false).LatestConfiguration(Three));
        Assert.Equal(Three, RaftRecovered.Empty.LatestConfiguration(Three));
        Assert.Equal(a, fromEntries.CommittedConfiguration);
        Assert.Equal(a, fromSnapshot.Configuration);
        Assert.Equal(Three, legacy.Configuration);
    }

    [Fact]
    public void Log_RestoreSnapshot_TakesItsConfiguration()
    {
        var log = new RaftLog(RaftRecovered.Empty, RaftConfiguration.Empty); // a joining server knows nothing yet
        var c = new RaftConfiguration([1, 2, 3], [4]);

        log.Restore(new RaftSnapshot(10, 2, []) { Configuration = c });

        Assert.Equal(c, log.Configuration);
    }
}
