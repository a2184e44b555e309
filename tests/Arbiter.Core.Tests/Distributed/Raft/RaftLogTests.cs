using Arbiter.Core.Distributed.Raft;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Distributed.Raft;

public class RaftLogTests
{
    private static RaftLog LogOf(params long[] terms) =>
        new(new RaftRecovered(default, null, [.. terms.Select((t, i) => new RaftEntry(t, i + 1, [(byte)t]))], false));

    [Theory]
    // etcd log_test.go TestFindConflictByTerm-style cases, worked by hand. Log terms: 1 1 2 2 4 4 (indexes 1..6).
    [InlineData(6, 4, 6, 4)]
    [InlineData(6, 3, 4, 2)] // skip the term-4 entries: index 4 has term 2 ≤ 3
    [InlineData(6, 1, 2, 1)]
    [InlineData(10, 2, 4, 2)] // beyond the end: start at the last index
    [InlineData(3, 0, 0, 0)] // nothing at or below term 0 but the start
    public void FindConflictByTerm_HandWorkedCases(long index, long term, long expectedIndex, long expectedTerm)
    {
        Assert.Equal((expectedIndex, expectedTerm), LogOf(1, 1, 2, 2, 4, 4).FindConflictByTerm(index, term));
    }

    [Fact]
    public void Compact_AppliedPrefix_SnapshotStandsForDroppedEntries()
    {
        RaftLog log = LogOf(1, 1, 2, 2);
        log.CommitTo(3);
        log.AppliedTo(3);

        RaftSnapshot s = log.Compact(3, [7]);

        Assert.Equal((3L, 2L, 4L, 4L), (s.Index, s.Term, log.FirstIndex, log.LastIndex));
        Assert.Equal(2, log.Term(3));
        Assert.Null(log.Term(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Compact(4, [])); // not applied yet
    }

    [Fact]
    public void Fold_LaterRecordsOverride_TruncateSnapshotAndHardState()
    {
        RaftRecord[] records =
        [
            new RaftRecord.HardStateRecord(new HardState(1, 1, 0)),
            new RaftRecord.EntriesRecord([new RaftEntry(1, 1, []), new RaftEntry(1, 2, [1]), new RaftEntry(1, 3, [2])]),
            new RaftRecord.EntriesRecord([new RaftEntry(2, 2, [9])]), // a new leader's entry replaces 2..3
            new RaftRecord.HardStateRecord(new HardState(2, 0, 2)),
        ];

        RaftRecovered r = RaftRecovered.Fold(records, truncated: false);

        Assert.Equal(new HardState(2, 0, 2), r.HardState);
        Assert.Equal([(1L, 1L), (2L, 2L)], r.Entries.Select(e => (e.Index, e.Term)));
        RaftRecovered withSnapshot = RaftRecovered.Fold([.. records, new RaftRecord.SnapshotRecord(new RaftSnapshot(1, 1, []))], false);
        Assert.Equal([2L], withSnapshot.Entries.Select(e => e.Index));
    }

    /// <summary>
    /// Differential test: <see cref="RaftLog.MaybeAppend"/> against Figure 2's receiver rules, applied literally to a
    /// plain list: reject unless the log holds prevIndex with prevTerm; delete an existing entry that conflicts with a
    /// new one, and all that follow; append any new entries not already in the log.
    /// </summary>
    [Fact]
    public void MaybeAppend_RandomAppends_MatchesFigure2Reference()
    {
        var gen = from start in Gen.Choose(0, 6)
                  from terms in Gen.ListOf(Gen.Choose(1, 3)).Select(l => l.Take(8).ToArray())
                  from prevIndex in Gen.Choose(0, 8)
                  from prevTerm in Gen.Choose(0, 3)
                  from newTerms in Gen.ListOf(Gen.Choose(1, 4)).Select(l => l.Take(5).ToArray())
                  select (terms: terms.OrderBy(t => t).Select(t => (long)t).ToArray(), prevIndex, prevTerm, newTerms);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            RaftLog log = LogOf(c.terms);
            var reference = c.terms.ToList();
            var entries = c.newTerms.Select((t, k) => new RaftEntry(Math.Max(t, c.prevTerm), c.prevIndex + 1 + k, [])).ToList();

            long result = log.MaybeAppend(c.prevIndex, c.prevTerm, entries, 0);

            bool holds = c.prevIndex == 0 ? c.prevTerm == 0 : c.prevIndex <= reference.Count && reference[c.prevIndex - 1] == c.prevTerm;
            if (!holds)
            {
                return result == -1 && log.LastIndex == c.terms.Length;
            }

            foreach (RaftEntry e in entries)
            {
                int at = (int)e.Index - 1;
                if (at < reference.Count && reference[at] != e.Term)
                {
                    reference.RemoveRange(at, reference.Count - at);
                }

                if (at >= reference.Count)
                {
                    reference.Add(e.Term);
                }
            }

            return result == c.prevIndex + entries.Count
                && log.LastIndex == reference.Count
                && Enumerable.Range(1, reference.Count).All(i => log.Term(i) == reference[i - 1]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }
}
