using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Tests.StateMachine;
using static Arbiter.Store.Tests.StateMachine.Dsl;

namespace Arbiter.Store.Tests.Mvcc;

/// <summary>Hand-worked revision arithmetic, as etcd documents it (etcdctl on a fresh cluster).</summary>
public sealed class RevisionTests
{
    [Fact]
    public void EmptyStore_Revision_IsOne()
    {
        var s = new Dsl();
        Assert.Equal(1, s.Machine.Revision);
        Assert.Equal(0UL, s.Machine.AppliedIndex);
    }

    [Fact]
    public void PutPutDeletePut_RevisionsAndVersions_FollowEtcd()
    {
        var s = new Dsl();
        Assert.Equal(2, s.Put("foo", "bar").Revision);      // first write: revision 2
        var kv = s.Get("foo")!;
        Assert.Equal((2L, 2L, 1L), (kv.CreateRevision, kv.ModRevision, kv.Version));

        Assert.Equal(3, s.Put("foo", "baz").Revision);
        kv = s.Get("foo")!;
        Assert.Equal((2L, 3L, 2L), (kv.CreateRevision, kv.ModRevision, kv.Version));

        var del = s.Delete("foo");
        Assert.Equal(4, del.Revision);
        Assert.Equal(1, ((DeleteRangeResponse)del.Response!).Deleted);
        Assert.Null(s.Get("foo"));

        s.Put("foo", "again");
        kv = s.Get("foo")!;
        Assert.Equal((5L, 5L, 1L), (kv.CreateRevision, kv.ModRevision, kv.Version)); // a new generation
        Assert.Equal("bar", System.Text.Encoding.UTF8.GetString(s.Get("foo", revision: 2)!.Value));
        Assert.Null(s.Get("foo", revision: 4));
    }

    [Fact]
    public void DeleteNothing_Revision_Unchanged()
    {
        var s = new Dsl();
        s.Put("a", "1");
        var r = s.Delete("zzz");
        Assert.Equal(2, r.Revision);
        Assert.Equal(2, r.Response!.Header.Revision);
        Assert.Empty(r.Events);
    }

    [Fact]
    public void TxnWithTwoPuts_OneRevision_SubRevisionsOrderEvents()
    {
        var s = new Dsl();
        var r = s.Do(new TxnCommand(new TxnRequest
        {
            Success =
            [
                new RequestOp { RequestPut = new PutRequest { Key = B("x"), Value = B("1") } },
                new RequestOp { RequestPut = new PutRequest { Key = B("y"), Value = B("2") } },
                new RequestOp { RequestRange = new RangeRequest { Key = B("x") } },
            ],
        }));
        Assert.Equal(2, r.Revision);
        var txn = (TxnResponse)r.Response!;
        Assert.True(txn.Succeeded);
        Assert.Equal([2L, 2L], r.Events.Select(e => e.Kv.ModRevision));
        Assert.Equal([0L, 1L], r.Events.Select(e => e.Sub));
        // The txn reads its own write.
        Assert.Equal("1", System.Text.Encoding.UTF8.GetString(txn.Responses[2].ResponseRange!.Kvs.Single().Value));
    }

    [Fact]
    public void ReadOnlyTxn_Revision_Unchanged()
    {
        var s = new Dsl();
        s.Put("a", "1");
        var r = s.Do(new TxnCommand(new TxnRequest { Success = [new RequestOp { RequestRange = new RangeRequest { Key = B("a") } }] }));
        Assert.Equal(2, r.Revision);
    }

    [Fact]
    public void Range_FutureRevision_IsTypedError()
    {
        var s = new Dsl();
        s.Put("a", "1");
        Assert.Equal(StoreError.FutureRevision, s.Range("a", [], revision: 3).Error);
        Assert.Equal(StoreError.None, s.Range("a", [], revision: 2).Error);
    }

    [Fact]
    public void Compact_KeepsStateAsOfRevision_ReadsBelowFail()
    {
        var s = new Dsl();
        s.Put("a", "1");   // 2
        s.Put("a", "2");   // 3
        s.Put("b", "1");   // 4
        s.Delete("b");     // 5
        s.Put("c", "1");   // 6
        Assert.Equal(StoreError.None, s.Compact(5).Error);
        Assert.Equal(6, s.Machine.Revision); // compaction takes no revision

        Assert.Equal(StoreError.Compacted, s.Range("a", [], revision: 4).Error);
        var at5 = s.Range("a", [0], revision: 5);
        Assert.Equal(StoreError.None, at5.Error);
        Assert.Equal("a", Keys(at5.Response!));               // b was deleted by 5, c not yet created
        Assert.Equal(3, at5.Response!.Kvs[0].ModRevision);
        Assert.Equal(2, at5.Response!.Kvs[0].Version);         // version survives compaction
        Assert.Equal(2, s.Machine.Kv.IndexedKeys);             // the tombstone of b is gone: a and c remain
        Assert.Equal(StoreError.Compacted, s.Compact(5).Error);
        Assert.Equal(StoreError.Compacted, s.Compact(4).Error);
        Assert.Equal(StoreError.FutureRevision, s.Compact(7).Error);
    }

    [Fact]
    public void Range_EveryRangeEndForm_SelectsEtcdsKeys()
    {
        var s = new Dsl();
        foreach (var k in new[] { "a", "ab", "abc", "b", "ba", "c" })
        {
            s.Put(k, "v");
        }

        Assert.Equal("ab", Keys(s.Range("ab", []).Response!));                           // single key
        Assert.Equal("b,ba,c", Keys(s.Range("b", [0]).Response!));                        // "\0": all keys >= key
        Assert.Equal("ab,abc", Keys(s.Range("ab", KeyRange.PrefixEnd(B("ab"))).Response!)); // prefix
        Assert.Equal("a,ab,abc", Keys(s.Range("a", B("b")).Response!));                  // [a, b)
        Assert.Equal("", Keys(s.Range("c", B("a")).Response!));                          // end below start: nothing
        Assert.Equal("a,ab,abc,b,ba,c", Keys(s.Range("\0", [0]).Response!));             // everything
    }

    [Fact]
    public void Range_LimitCountOnlyKeysOnly_EtcdFieldMeanings()
    {
        var s = new Dsl();
        foreach (var k in new[] { "a", "b", "c" })
        {
            s.Put(k, "v");
        }

        var limited = s.Range("a", [0], limit: 2).Response!;
        Assert.Equal(("a,b", 3L, true), (Keys(limited), limited.Count, limited.More));
        s.Machine.Range(new RangeRequest { Key = B("a"), RangeEnd = [0], CountOnly = true }, out var count);
        Assert.Equal((0, 3L, false), (count!.Kvs.Count, count.Count, count.More));
        s.Machine.Range(new RangeRequest { Key = B("a"), KeysOnly = true }, out var keysOnly);
        Assert.Empty(keysOnly!.Kvs[0].Value);
        Assert.Equal(2, keysOnly.Kvs[0].ModRevision);
    }

    [Theory]
    [InlineData("61", "62")]
    [InlineData("61FF", "62")]
    [InlineData("6162FFFF", "6163")]
    [InlineData("FF", "00")]
    [InlineData("FFFF", "00")]
    public void PrefixEnd_Cases_MatchEtcdGetPrefixRangeEnd(string prefix, string end) =>
        Assert.Equal(end, Convert.ToHexString(KeyRange.PrefixEnd(Convert.FromHexString(prefix))));
}
