namespace Arbiter.Distributed.Simulation;

/// <summary>What the network and the nodes did in a run, in totals and per message kind (the message's type name).</summary>
public sealed class MessageCounters
{
    /// <summary>Messages nodes sent (a duplicated message counts once here).</summary>
    public long Sent { get; internal set; }

    /// <summary>Messages delivered to a running node (each copy of a duplicate counts).</summary>
    public long Delivered { get; internal set; }

    /// <summary>Messages the network dropped: lost, cut by a partition, or addressed to a crashed node.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Extra copies the network made.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Timers that fired.</summary>
    public long TimersFired { get; internal set; }

    /// <summary>External inputs delivered (<see cref="Simulation{TMessage, TRecord}.Schedule(TimeSpan, int, TMessage)"/>).</summary>
    public long Inputs { get; internal set; }

    /// <summary>Records persisted.</summary>
    public long Persisted { get; internal set; }

    /// <summary>Crashes.</summary>
    public long Crashes { get; internal set; }

    /// <summary>Restarts.</summary>
    public long Restarts { get; internal set; }

    /// <summary>Messages sent with <c>SendEarly</c> (counted in <see cref="Sent"/> too).</summary>
    public long SentEarly { get; internal set; }

    /// <summary>Writes under way that crashes lost (only with a disk latency), with the messages that waited for them.</summary>
    public long WritesLost { get; internal set; }

    /// <summary>Messages sent, per kind.</summary>
    public IReadOnlyDictionary<string, long> SentByKind => Named(SentCounts);

    /// <summary>Messages delivered, per kind.</summary>
    public IReadOnlyDictionary<string, long> DeliveredByKind => Named(DeliveredCounts);

    /// <summary>Messages dropped, per kind.</summary>
    public IReadOnlyDictionary<string, long> DroppedByKind => Named(DroppedCounts);

    internal Dictionary<Type, long> SentCounts { get; } = [];

    internal Dictionary<Type, long> DeliveredCounts { get; } = [];

    internal Dictionary<Type, long> DroppedCounts { get; } = [];

    internal static void Add(Dictionary<Type, long> counts, Type kind)
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, kind, out _)++;
    }

    private static SortedDictionary<string, long> Named(Dictionary<Type, long> counts)
    {
        var named = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in counts)
        {
            named[type.Name] = named.GetValueOrDefault(type.Name) + count;
        }

        return named;
    }
}
