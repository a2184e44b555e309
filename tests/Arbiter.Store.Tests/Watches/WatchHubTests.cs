using Arbiter.Store.Mvcc;
using Arbiter.Store.Tests.StateMachine;
using Arbiter.Store.Watches;
using static Arbiter.Store.Tests.StateMachine.Dsl;

namespace Arbiter.Store.Tests.Watches;

/// <summary>The watch hub: history then live events, in order, exactly once; compacted starts; filters.</summary>
public sealed class WatchHubTests
{
    private static List<StoreEvent> EventsOf(IEnumerable<WatchResponse> responses, long id) =>
        [.. responses.Where(r => r.WatchId == id).SelectMany(r => r.Events)];

    [Fact]
    public void Create_FromOldRevision_ReplaysHistoryThenLive()
    {
        var s = new Dsl();
        var hub = new WatchHub();
        s.Put("a", "1");   // 2
        s.Put("b", "1");   // 3
        s.Put("a", "2");   // 4
        var created = hub.Create(new WatchCreateRequest { Key = B("a"), StartRevision = 2 }, s.Machine.Kv);
        Assert.True(created[0].Created);
        long id = created[0].WatchId;
        Assert.Equal([2L, 4L], EventsOf(created, id).Select(e => e.Kv.ModRevision));

        var r = s.Delete("a");   // 5
        var live = hub.Publish(r.Events, r.Revision);
        Assert.Equal([(EventType.Delete, 5L)], EventsOf(live, id).Select(e => (e.Type, e.Kv.ModRevision)));
        Assert.Empty(hub.Publish(s.Put("b", "2").Events, 6)); // not in range
    }

    [Fact]
    public void Create_StartZero_OnlyFutureChanges()
    {
        var s = new Dsl();
        var hub = new WatchHub();
        s.Put("a", "1");
        var created = hub.Create(new WatchCreateRequest { Key = B("a") }, s.Machine.Kv);
        Assert.Single(created);
        var r = s.Put("a", "2");
        Assert.Equal([3L], EventsOf(hub.Publish(r.Events, r.Revision), created[0].WatchId).Select(e => e.Kv.ModRevision));
    }

    [Fact]
    public void Reconnect_AtLastSeenPlusOne_EveryEventExactlyOnce()
    {
        var s = new Dsl();
        var hub = new WatchHub();
        var all = new List<StoreEvent>();
        var seen = new List<StoreEvent>();
        long lastSeen = 0;
        long id = hub.Create(new WatchCreateRequest { Key = B("k/"), RangeEnd = KeyRange.PrefixEnd(B("k/")), StartRevision = 1, PrevKv = true }, s.Machine.Kv)[0].WatchId;
        for (int i = 0; i < 30; i++)
        {
            var r = i % 7 == 3 ? s.Delete($"k/{i % 4}") : s.Put($"k/{i % 4}", $"{i}");
            all.AddRange(r.Events);
            if (id != 0)
            {
                var got = EventsOf(hub.Publish(r.Events, r.Revision), id);
                seen.AddRange(got);
                lastSeen = got.Count > 0 ? got[^1].Kv.ModRevision : lastSeen;
            }

            if (i % 10 == 4)
            {
                hub.Cancel(id); // the connection drops: writes go on unseen
                id = 0;
            }
            else if (i % 10 == 8)
            {
                var created = hub.Create(new WatchCreateRequest { Key = B("k/"), RangeEnd = KeyRange.PrefixEnd(B("k/")), StartRevision = lastSeen + 1, PrevKv = true }, s.Machine.Kv);
                id = created[0].WatchId;
                var got = EventsOf(created, id);
                seen.AddRange(got);
                lastSeen = got.Count > 0 ? got[^1].Kv.ModRevision : lastSeen;
            }
        }

        Assert.Equal(all.Select(Canon.Of), seen.Select(Canon.Of));
        Assert.Equal(all.Count, seen.Select(e => (e.Kv.ModRevision, e.Sub)).Distinct().Count());
    }

    [Fact]
    public void Create_BelowCompaction_CanceledWithCompactRevision()
    {
        var s = new Dsl();
        var hub = new WatchHub();
        s.Put("a", "1");
        s.Put("a", "2");
        s.Put("a", "3");
        s.Compact(3);
        var responses = hub.Create(new WatchCreateRequest { Key = B("a"), StartRevision = 2 }, s.Machine.Kv);
        Assert.Equal(2, responses.Count);
        Assert.True(responses[1].Canceled);
        Assert.Equal(3, responses[1].CompactRevision);
        Assert.Equal(0, hub.Count);

        // Resuming at the compacted revision works: the key's state as of 3, then on.
        var resumed = hub.Create(new WatchCreateRequest { Key = B("a"), StartRevision = 3 }, s.Machine.Kv);
        Assert.Equal([3L, 4L], EventsOf(resumed, resumed[0].WatchId).Select(e => e.Kv.ModRevision));
    }

    [Fact]
    public void Filters_AndPrevKvFlag_Apply()
    {
        var s = new Dsl();
        var hub = new WatchHub();
        long noPut = hub.Create(new WatchCreateRequest { Key = B("a"), Filters = [WatchFilter.NoPut], PrevKv = true }, s.Machine.Kv)[0].WatchId;
        long plain = hub.Create(new WatchCreateRequest { Key = B("a") }, s.Machine.Kv)[0].WatchId;
        var put = s.Put("a", "1");
        var firstPublish = hub.Publish(put.Events, put.Revision);
        Assert.Empty(EventsOf(firstPublish, noPut));
        s.Put("a", "2");
        var del = s.Delete("a");
        var responses = hub.Publish(del.Events, del.Revision);
        var deleteSeen = EventsOf(responses, noPut).Single();
        Assert.Equal("2", System.Text.Encoding.UTF8.GetString(deleteSeen.PrevKv!.Value));
        Assert.Null(EventsOf(responses, plain).Single().PrevKv);
    }

    [Fact]
    public void Create_IdInUse_Canceled()
    {
        var s = new Dsl();
        var hub = new WatchHub();
        hub.Create(new WatchCreateRequest { Key = B("a"), WatchId = 5 }, s.Machine.Kv);
        var again = hub.Create(new WatchCreateRequest { Key = B("b"), WatchId = 5 }, s.Machine.Kv);
        Assert.True(again.Single().Canceled);
        Assert.Equal(1, hub.Count);
    }
}
