using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Tests.StateMachine;
using static Arbiter.Store.Tests.StateMachine.Dsl;

namespace Arbiter.Store.Tests.Mvcc;

/// <summary>Put options and transaction guards, hand-worked against etcd's documented behaviour.</summary>
public sealed class PutAndTxnTests
{
    [Fact]
    public void Put_PrevKv_ReturnsOldState()
    {
        var s = new Dsl();
        s.Put("k", "old");
        var r = (PutResponse)s.Put("k", "new", prevKv: true).Response!;
        Assert.Equal("old", System.Text.Encoding.UTF8.GetString(r.PrevKv!.Value));
        Assert.Equal(3, r.Header.Revision);
    }

    [Fact]
    public void Put_IgnoreValueOnMissingKey_KeyNotFound_NothingChanges()
    {
        var s = new Dsl();
        var r = s.Do(new PutCommand(new PutRequest { Key = B("k"), IgnoreValue = true }));
        Assert.Equal(StoreError.KeyNotFound, r.Error);
        Assert.Equal(1, s.Machine.Revision);
        Assert.Equal(1UL, s.Machine.AppliedIndex); // refused entries still count as applied
    }

    [Fact]
    public void Put_IgnoreValue_KeepsValueChangesLease()
    {
        var s = new Dsl();
        s.Grant(10, id: 7);
        s.Put("k", "v");
        s.Do(new PutCommand(new PutRequest { Key = B("k"), IgnoreValue = true, Lease = 7 }));
        var kv = s.Get("k")!;
        Assert.Equal(("v", 7L, 2L), (System.Text.Encoding.UTF8.GetString(kv.Value), kv.Lease, kv.Version));
    }

    [Theory]
    [InlineData(true, false, StoreError.ValueProvided)]
    [InlineData(false, true, StoreError.LeaseProvided)]
    public void Put_ValueOrLeaseWithIgnore_Refused(bool ignoreValue, bool ignoreLease, StoreError expected)
    {
        var s = new Dsl();
        s.Grant(10, id: 1);
        s.Put("k", "v");
        var r = s.Do(new PutCommand(new PutRequest { Key = B("k"), Value = B("x"), Lease = 1, IgnoreValue = ignoreValue, IgnoreLease = ignoreLease }));
        Assert.Equal(expected, r.Error);
    }

    [Fact]
    public void Put_UnknownLease_LeaseNotFound()
    {
        var s = new Dsl();
        Assert.Equal(StoreError.LeaseNotFound, s.Put("k", "v", lease: 42).Error);
    }

    [Fact]
    public void Put_EmptyKey_EmptyKey()
    {
        var s = new Dsl();
        Assert.Equal(StoreError.EmptyKey, s.Put("", "v").Error);
    }

    [Fact]
    public void Txn_CompareOnMissingKey_ValueFailsVersionZeroHolds()
    {
        var s = new Dsl();
        bool Run(Compare c) => ((TxnResponse)s.Do(new TxnCommand(new TxnRequest { Compare = [c] })).Response!).Succeeded;

        Assert.False(Run(new Compare { Key = B("nope"), Target = CompareTarget.Value, Result = CompareResult.Equal, Value = [] }));
        Assert.True(Run(new Compare { Key = B("nope"), Target = CompareTarget.Version, Result = CompareResult.Equal, Number = 0 }));
        Assert.True(Run(new Compare { Key = B("nope"), Target = CompareTarget.Create, Result = CompareResult.Less, Number = 1 }));
    }

    [Fact]
    public void Txn_CompareAndSwap_OnlyFirstOfTwoSucceeds()
    {
        var s = new Dsl();
        s.Put("lock", "free"); // mod revision 2
        TxnCommand Cas(string who) => new(new TxnRequest
        {
            Compare = [new Compare { Key = B("lock"), Target = CompareTarget.Mod, Result = CompareResult.Equal, Number = 2 }],
            Success = [new RequestOp { RequestPut = new PutRequest { Key = B("lock"), Value = B(who) } }],
            Failure = [new RequestOp { RequestRange = new RangeRequest { Key = B("lock") } }],
        });
        var first = (TxnResponse)s.Do(Cas("alice")).Response!;
        var second = (TxnResponse)s.Do(Cas("bob")).Response!;
        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal("alice", System.Text.Encoding.UTF8.GetString(second.Responses[0].ResponseRange!.Kvs[0].Value));
        Assert.Equal(3, s.Machine.Revision);
    }

    [Fact]
    public void Txn_CompareOverRange_EveryKeyMustPass()
    {
        var s = new Dsl();
        s.Put("p/1", "a");
        s.Put("p/2", "b");
        var all = new Compare { Key = B("p/"), RangeEnd = KeyRange.PrefixEnd(B("p/")), Target = CompareTarget.Version, Result = CompareResult.Equal, Number = 1 };
        Assert.True(((TxnResponse)s.Do(new TxnCommand(new TxnRequest { Compare = [all] })).Response!).Succeeded);
        s.Put("p/2", "c");
        Assert.False(((TxnResponse)s.Do(new TxnCommand(new TxnRequest { Compare = [all] })).Response!).Succeeded);
    }

    [Fact]
    public void Txn_PutSameKeyTwice_DuplicateKey()
    {
        var s = new Dsl();
        var put = new RequestOp { RequestPut = new PutRequest { Key = B("k"), Value = B("1") } };
        Assert.Equal(StoreError.DuplicateKey, s.Do(new TxnCommand(new TxnRequest { Success = [put, put] })).Error);
        var delete = new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = B("a"), RangeEnd = B("z") } };
        Assert.Equal(StoreError.DuplicateKey, s.Do(new TxnCommand(new TxnRequest { Failure = [delete, put] })).Error);
        Assert.Equal(1, s.Machine.Revision);
    }

    [Fact]
    public void Txn_FailingOpInChosenBranch_NothingApplied()
    {
        var s = new Dsl();
        var r = s.Do(new TxnCommand(new TxnRequest
        {
            Success =
            [
                new RequestOp { RequestPut = new PutRequest { Key = B("a"), Value = B("1") } },
                new RequestOp { RequestPut = new PutRequest { Key = B("b"), Value = B("1"), Lease = 99 } },
            ],
        }));
        Assert.Equal(StoreError.LeaseNotFound, r.Error);
        Assert.Null(s.Get("a"));
        Assert.Equal(1, s.Machine.Revision);
    }
}
