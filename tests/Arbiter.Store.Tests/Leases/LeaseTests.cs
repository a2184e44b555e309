using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using Arbiter.Store.Tests.StateMachine;
using static Arbiter.Store.Tests.StateMachine.Dsl;

namespace Arbiter.Store.Tests.Leases;

/// <summary>Leases in the replicated state: grant, attach, revoke, expire batches, time-to-live.</summary>
public sealed class LeaseTests
{
    [Fact]
    public void Grant_NoId_StoreChoosesIncreasingIds()
    {
        var s = new Dsl();
        var a = (LeaseGrantResponse)s.Grant(5).Response!;
        s.Grant(5, id: 10);
        var b = (LeaseGrantResponse)s.Grant(5).Response!;
        Assert.Equal((1L, 11L), (a.Id, b.Id));
        Assert.Equal(1, s.Machine.Revision); // grants take no revision
    }

    [Fact]
    public void Grant_ExistingId_LeaseExists()
    {
        var s = new Dsl();
        s.Grant(5, id: 3);
        Assert.Equal(StoreError.LeaseExists, s.Grant(5, id: 3).Error);
    }

    [Fact]
    public void Grant_TtlBelowMinimumRaised_AboveMaximumRefused()
    {
        var s = new Dsl();
        Assert.Equal(1, ((LeaseGrantResponse)s.Grant(0).Response!).Ttl);
        Assert.Equal(StoreError.LeaseTtlTooLarge, s.Grant(9_000_000_001).Error);
        var strict = new StoreStateMachine(new StoreOptions { MinLeaseTtl = 5 });
        var r = strict.Apply(1, new LeaseGrantCommand(new LeaseGrantRequest { Ttl = 2 }));
        Assert.Equal(5, ((LeaseGrantResponse)r.Response!).Ttl);
    }

    [Fact]
    public void Revoke_DeletesAttachedKeysInOneRevision_ReportsEndedLease()
    {
        var s = new Dsl();
        s.Grant(10, id: 1);
        s.Put("a", "1", lease: 1);   // 2
        s.Put("b", "1", lease: 1);   // 3
        s.Put("c", "1");             // 4
        var r = s.Do(new LeaseRevokeCommand(new LeaseRevokeRequest { Id = 1 }));
        Assert.Equal(5, r.Revision);
        Assert.Equal([EventType.Delete, EventType.Delete], r.Events.Select(e => e.Type));
        Assert.Equal([5L, 5L], r.Events.Select(e => e.Kv.ModRevision));
        Assert.Equal([new EndedLease(1, 5, Expired: false)], r.EndedLeases);
        Assert.Null(s.Get("a"));
        Assert.NotNull(s.Get("c"));
        Assert.Equal(StoreError.LeaseNotFound, s.Do(new LeaseRevokeCommand(new LeaseRevokeRequest { Id = 1 })).Error);
    }

    [Fact]
    public void Revoke_KeyMovedToAnotherLease_IsKept()
    {
        var s = new Dsl();
        s.Grant(10, id: 1);
        s.Grant(10, id: 2);
        s.Put("a", "1", lease: 1);
        s.Put("a", "2", lease: 2);
        var r = s.Do(new LeaseRevokeCommand(new LeaseRevokeRequest { Id = 1 }));
        Assert.Empty(r.Events);
        Assert.Equal(new EndedLease(1, 3, false), r.EndedLeases.Single());
        Assert.NotNull(s.Get("a"));
    }

    [Fact]
    public void ExpireBatch_SkipsGoneLeases_OneRevisionPerLease()
    {
        var s = new Dsl();
        s.Grant(10, id: 1);
        s.Grant(10, id: 2);
        s.Put("a", "1", lease: 1);  // 2
        s.Put("b", "1", lease: 2);  // 3
        var r = s.Do(new LeaseExpireCommand([2, 7, 1]));
        Assert.Equal([2L, 1L], ((LeaseExpireResponse)r.Response!).Expired);
        Assert.Equal([new EndedLease(2, 4, true), new EndedLease(1, 5, true)], r.EndedLeases);
        Assert.Equal(5, r.Revision);
        Assert.Empty(s.Machine.LeaseLeases().Leases);
    }

    [Fact]
    public void TimeToLive_ListsKeys_UnknownIsMinusOne()
    {
        var s = new Dsl();
        s.Grant(30, id: 4);
        s.Put("b", "1", lease: 4);
        s.Put("a", "1", lease: 4);
        var ttl = s.Machine.LeaseTimeToLive(new LeaseTimeToLiveRequest { Id = 4, Keys = true });
        Assert.Equal((30L, 30L), (ttl.Ttl, ttl.GrantedTtl));
        Assert.Equal(["a", "b"], ttl.Keys.Select(k => System.Text.Encoding.UTF8.GetString(k)));
        Assert.Equal(-1, s.Machine.LeaseTimeToLive(new LeaseTimeToLiveRequest { Id = 5 }).Ttl);

        var lessor = new Lessor();
        lessor.Promote(TimeSpan.FromSeconds(100), s.Machine.LeaseLeases().Leases);
        Assert.Equal(20, s.Machine.LeaseTimeToLive(new LeaseTimeToLiveRequest { Id = 4 }, lessor, TimeSpan.FromSeconds(110)).Ttl);
    }

    [Fact]
    public void Restore_LeaseKeys_RebuiltFromStore()
    {
        var s = new Dsl();
        s.Grant(10, id: 1);
        s.Put("a", "1", lease: 1);
        var restored = new StoreStateMachine();
        restored.Restore(s.Machine.Snapshot());
        var r = restored.Apply(99, new LeaseRevokeCommand(new LeaseRevokeRequest { Id = 1 }));
        Assert.Single(r.Events);
        Assert.Equal(StoreError.LeaseNotFound, restored.Apply(100, new PutCommand(new PutRequest { Key = B("x"), Lease = 1 })).Error);
    }
}
