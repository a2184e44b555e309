using System.Diagnostics;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

/// <summary>
/// Where a watch has got to: the first revision not yet delivered, so a broken stream can be re-created from there
/// and the caller sees every event exactly once, in order. Pure bookkeeping (no I/O); <see cref="WatchResumer"/>
/// drives it.
/// </summary>
/// <remarks>
/// <para>Source: the etcd v3 API guarantees for watch ("ordered, reliable, atomic": a watcher resumed from the last
/// revision it received + 1 sees no gap and no repeat) and etcd's clientv3 watcher, which re-creates a broken
/// watch with <c>start_revision = last received + 1</c>.</para>
/// <para>The unit is the revision, not the event: a transaction's events share one mod_revision and etcd (like
/// Arbiter's watch hub) sends them in one message, so "last revision + 1" never splits a transaction.</para>
/// <para>Cost: O(events) per message (one pass to drop repeats and find the newest revision).</para>
/// </remarks>
public sealed class WatchCursor
{
    /// <summary>A cursor for a watch asked to start at <paramref name="startRevision"/> (0: from now).</summary>
    public WatchCursor(long startRevision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startRevision);
        Next = startRevision;
    }

    /// <summary>
    /// The first revision not delivered yet: the start revision of a re-created watch. 0 while unknown (a watch "from
    /// now" before its confirmation named the store's revision).
    /// </summary>
    public long Next { get; private set; }

    /// <summary>
    /// The watch was confirmed; <paramref name="headerRevision"/> is the store's revision then. A watch "from now"
    /// owes every change after it, so that fixes <see cref="Next"/> if nothing did yet.
    /// </summary>
    public void Confirmed(long headerRevision)
    {
        if (Next == 0 && headerRevision > 0)
        {
            Next = headerRevision + 1;
        }
    }

    /// <summary>
    /// Takes one message's events: returns those not delivered before (a server resumed at <see cref="Next"/> sends
    /// none earlier; the check keeps "exactly once" even if one did) and moves <see cref="Next"/> past them.
    /// </summary>
    public IReadOnlyList<WireEvent> Take(IReadOnlyList<WireEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        long floor = Next;
        var fresh = new List<WireEvent>(events.Count);
        foreach (WireEvent e in events)
        {
            long revision = e.Kv?.ModRevision ?? 0;
            if (revision < floor)
            {
                continue; // delivered before the stream broke
            }

            Debug.Assert(fresh.Count == 0 || revision >= (fresh[^1].Kv?.ModRevision ?? 0), "a watch delivers events in revision order");
            fresh.Add(e);
            Next = Math.Max(Next, revision + 1);
        }

        return fresh.Count == events.Count ? events : fresh;
    }

    /// <summary>The request that re-creates <paramref name="original"/> from <see cref="Next"/>.</summary>
    public WireWatchCreateRequest Resume(WireWatchCreateRequest original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return original with { StartRevision = Next };
    }
}
