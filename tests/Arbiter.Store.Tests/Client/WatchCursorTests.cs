using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Tests.Client;

/// <summary>Hand-computed cases of the resume bookkeeping: where a re-created watch starts, and what it drops.</summary>
public class WatchCursorTests
{
    private static WireEvent At(long revision, string key = "k") => new() { Kv = new WireKeyValue { Key = [(byte)key[0]], ModRevision = revision } };

    [Fact]
    public void Take_EventsAtRevisions5And7_NextIs8()
    {
        var cursor = new WatchCursor(5);

        IReadOnlyList<WireEvent> fresh = cursor.Take([At(5), At(7)]);

        Assert.Equal(2, fresh.Count);
        Assert.Equal(8, cursor.Next);
    }

    [Fact]
    public void Take_ATransactionsEventsShareARevision_AllKeptNextIsOnePast()
    {
        var cursor = new WatchCursor(3);

        IReadOnlyList<WireEvent> fresh = cursor.Take([At(4, "a"), At(4, "b"), At(4, "c")]);

        Assert.Equal(3, fresh.Count);
        Assert.Equal(5, cursor.Next);
    }

    [Fact]
    public void Take_AServerRepeatsDeliveredRevisions_OnlyTheNewOnesPass()
    {
        var cursor = new WatchCursor(1);
        cursor.Take([At(2), At(3)]);

        IReadOnlyList<WireEvent> fresh = cursor.Take([At(2), At(3), At(4)]);

        Assert.Equal([4L], fresh.Select(e => e.Kv!.ModRevision));
        Assert.Equal(5, cursor.Next);
    }

    [Fact]
    public void Confirmed_WatchFromNow_NextIsTheStoresRevisionPlusOne()
    {
        var cursor = new WatchCursor(0);

        cursor.Confirmed(41);

        Assert.Equal(42, cursor.Next);
        Assert.Equal(42, cursor.Resume(new WireWatchCreateRequest { Key = [1], PrevKv = true }).StartRevision);
    }

    [Fact]
    public void Confirmed_AfterEventsOrAStartRevision_ChangesNothing()
    {
        var fromStart = new WatchCursor(10);
        var fromNow = new WatchCursor(0);
        fromNow.Take([At(6)]);

        fromStart.Confirmed(99); // a resumed stream's confirmation carries the store's revision, not the watch's
        fromNow.Confirmed(99);

        Assert.Equal((10L, 7L), (fromStart.Next, fromNow.Next));
    }

    [Fact]
    public void Resume_KeepsKeyRangeAndPrevKv_OnlyTheStartChanges()
    {
        var cursor = new WatchCursor(2);
        cursor.Take([At(9)]);
        var original = new WireWatchCreateRequest { Key = [1], RangeEnd = [2], StartRevision = 2, PrevKv = true };

        Assert.Equal(original with { StartRevision = 10 }, cursor.Resume(original));
    }
}
