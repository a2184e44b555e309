using System.Text;
using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;
using Arbiter.Store.Tests.StateMachine;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Replication;

/// <summary>The store as Raft's state machine: replies, queries, the Applied event, refusals, snapshots.</summary>
public sealed class StoreReplicaTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Put(string key, string value) => StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = B(key), Value = B(value) }));

    private static byte[] Cas(string key, string? expected, string value) => StoreCommandCodec.Encode(new TxnCommand(new TxnRequest
    {
        Compare = [expected is null
            ? new Compare { Key = B(key), Target = CompareTarget.Create, Result = CompareResult.Equal, Number = 0 }
            : new Compare { Key = B(key), Target = CompareTarget.Value, Result = CompareResult.Equal, Value = B(expected) }],
        Success = [new RequestOp { RequestPut = new PutRequest { Key = B(key), Value = B(value) } }],
    }));

    private static StoreReply Get(StoreReplica replica, string key) => StoreReplyCodec.Decode(replica.Query(StoreQuery.Get(B(key))));

    [Fact]
    public void Apply_PutThenQuery_RevisionAndKeyValueAsEtcd()
    {
        var replica = new StoreReplica();

        StoreReply put = StoreReplyCodec.Decode(replica.Apply(1, Put("x", "1")));
        StoreReply get = Get(replica, "x");

        // A fresh store is at revision 1; the first put makes revision 2, creating x at version 1.
        Assert.Equal((StoreReplyKind.Put, 2L), (put.Kind, put.Revision));
        Assert.Equal(StoreReplyKind.Range, get.Kind);
        KeyValue kv = Assert.Single(get.Kvs);
        Assert.Equal(("1", 2L, 2L, 1L), (Encoding.UTF8.GetString(kv.Value), kv.CreateRevision, kv.ModRevision, kv.Version));
        Assert.Equal(1, get.Count);
    }

    [Fact]
    public void Apply_CasOnAbsentAndPresentValues_SucceedsOnlyWhenTheCompareHolds()
    {
        var replica = new StoreReplica();

        bool absentOnAbsent = StoreReplyCodec.Decode(replica.Apply(1, Cas("x", null, "a"))).Succeeded;
        bool absentOnPresent = StoreReplyCodec.Decode(replica.Apply(2, Cas("x", null, "b"))).Succeeded;
        bool wrongValue = StoreReplyCodec.Decode(replica.Apply(3, Cas("x", "z", "c"))).Succeeded;
        StoreReply right = StoreReplyCodec.Decode(replica.Apply(4, Cas("x", "a", "d")));

        Assert.True(absentOnAbsent);
        Assert.False(absentOnPresent);
        Assert.False(wrongValue);
        Assert.True(right.Succeeded);
        // Two successful writes: revisions 2 and 3; the failed compares wrote nothing.
        Assert.Equal(3, right.Revision);
        Assert.Equal("d", Encoding.UTF8.GetString(Get(replica, "x").Kvs[0].Value));
    }

    [Fact]
    public void Apply_RaisesAppliedWithTheFullResult_BeforeReturning()
    {
        var replica = new StoreReplica();
        var seen = new List<(long Index, ulong ResultIndex, int Events, StoreReplyKind Kind)>();
        replica.Applied += (_, e) => seen.Add((e.Index, e.Result.Index, e.Result.Events.Count, e.Reply.Kind));

        replica.Apply(1, Put("x", "1"));
        replica.Apply(2, StoreCommandCodec.Encode(new DeleteRangeCommand(new DeleteRangeRequest { Key = B("x") })));

        Assert.Equal([(1L, 1UL, 1, StoreReplyKind.Put), (2L, 2UL, 1, StoreReplyKind.DeleteRange)], seen);
        Assert.Equal(2UL, replica.LastResult!.Index);
    }

    [Fact]
    public void Apply_GarbageEntry_RefusedAlikeAndStateUnchanged()
    {
        var replica = new StoreReplica();
        replica.Apply(1, Put("x", "1"));
        byte[] before = replica.Snapshot();

        StoreReply refused = StoreReplyCodec.Decode(replica.Apply(2, [1, 0x7f, 3]));
        byte[] after = replica.Snapshot();
        StoreReply next = StoreReplyCodec.Decode(replica.Apply(3, Put("x", "2")));

        Assert.Equal((StoreReplyKind.Error, StoreError.UnknownCommand), (refused.Kind, refused.Error));
        Assert.Contains("log entry 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.Equal(3, next.Revision);
    }

    [Fact]
    public void Apply_RefusedPut_CarriesEtcdsMessage()
    {
        var replica = new StoreReplica();

        StoreReply reply = StoreReplyCodec.Decode(replica.Apply(1, StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = [] }))));

        Assert.Equal((StoreReplyKind.Error, StoreError.EmptyKey, "etcdserver: key is not provided"), (reply.Kind, reply.Error, reply.Message));
    }

    [Fact]
    public void Query_CompactedRevision_RefusedWithEtcdsMessage()
    {
        var replica = new StoreReplica();
        replica.Apply(1, Put("x", "1"));
        replica.Apply(2, Put("x", "2"));
        replica.Apply(3, StoreCommandCodec.Encode(new CompactCommand(new CompactionRequest { Revision = 3 })));

        StoreReply old = StoreReplyCodec.Decode(replica.Query(StoreQuery.Encode(new RangeRequest { Key = B("x"), Revision = 2 })));
        StoreReply garbage = StoreReplyCodec.Decode(replica.Query([9, 9]));

        Assert.Equal((StoreError.Compacted, "etcdserver: mvcc: required revision has been compacted"), (old.Error, old.Message));
        Assert.Equal(StoreReplyKind.Error, garbage.Kind);
    }

    [Fact]
    public void Apply_SessionEntryProposedTwice_TakesEffectOnceSameReply()
    {
        var replica = new StoreReplica();
        byte[] put = StoreReplicaSession.Wrap(7, 1, Put("x", "a"));

        byte[] first = replica.Apply(1, put);
        replica.Apply(2, StoreReplicaSession.Wrap(8, 1, Put("x", "b")));
        byte[] again = replica.Apply(3, put);

        Assert.Equal(first, again);
        Assert.Equal("b", System.Text.Encoding.UTF8.GetString(Get(replica, "x").Kvs[0].Value)); // not overwritten by the repeat
        Assert.Equal(3, Get(replica, "x").Revision);
    }

    [Fact]
    public void Apply_OlderSessionNumber_Ignored_AndSessionsSurviveASnapshot()
    {
        var source = new StoreReplica();
        source.Apply(1, StoreReplicaSession.Wrap(7, 1, Put("x", "a")));
        source.Apply(2, StoreReplicaSession.Wrap(7, 2, Put("x", "b")));
        var restored = new StoreReplica();
        restored.Restore(source.Snapshot());

        StoreReply old = StoreReplyCodec.Decode(restored.Apply(3, StoreReplicaSession.Wrap(7, 1, Put("x", "a"))));
        byte[] repeat = restored.Apply(4, StoreReplicaSession.Wrap(7, 2, Put("x", "b")));

        Assert.Equal(StoreReplyKind.Done, old.Kind);
        Assert.Equal((StoreReplyKind.Put, 3L), (StoreReplyCodec.Decode(repeat).Kind, StoreReplyCodec.Decode(repeat).Revision));
        Assert.Equal("b", System.Text.Encoding.UTF8.GetString(Get(restored, "x").Kvs[0].Value));
        Assert.Equal(3, Get(restored, "x").Revision);
        Assert.Equal(source.Snapshot(), restored.Snapshot());
    }

    [Fact]
    public void Apply_SessionHeaderCutShort_Refused()
    {
        var replica = new StoreReplica();

        StoreReply reply = StoreReplyCodec.Decode(replica.Apply(1, [StoreReplicaSession.Tag, 0x80]));

        Assert.Equal(StoreReplyKind.Error, reply.Kind);
    }

    [Fact]
    public void SnapshotRestore_RandomLogs_SameStateAndRepliesAsAReplicaThatAppliedEverything()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(CommandGen.Commands(30).ToArbitrary(), commands =>
        {
            var whole = new StoreReplica();
            var first = new StoreReplica();
            var second = new StoreReplica();
            int cut = commands.Length / 2;
            var replies = new List<string>();
            var restoredReplies = new List<string>();
            for (int i = 0; i < commands.Length; i++)
            {
                byte[] entry = StoreCommandCodec.Encode(commands[i]);
                replies.Add(Convert.ToHexString(whole.Apply(i + 1, entry)));
                if (i < cut)
                {
                    first.Apply(i + 1, entry);
                }
                else
                {
                    if (i == cut)
                    {
                        second.Restore(first.Snapshot());
                    }

                    restoredReplies.Add(Convert.ToHexString(second.Apply(i + 1, entry)));
                }
            }

            if (cut == commands.Length)
            {
                second.Restore(first.Snapshot());
            }

            Assert.Equal(replies.Skip(cut), restoredReplies);
            Assert.Equal(whole.Snapshot(), second.Snapshot());
            Assert.Equal(Convert.ToHexString(whole.Query(StoreQuery.Encode(new RangeRequest { Key = [0], RangeEnd = [0] }))),
                Convert.ToHexString(second.Query(StoreQuery.Encode(new RangeRequest { Key = [0], RangeEnd = [0] }))));
        }));
    }
}
