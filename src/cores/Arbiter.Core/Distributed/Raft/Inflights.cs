using System.Diagnostics;

namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// The flow-control window of one follower (etcd raft, tracker/inflights.go): the last index of each append in
/// flight, oldest first. The leader pipelines appends until the window is full, and frees slots as acks arrive.
/// Cost: O(1) per add and per freed slot.
/// </summary>
public sealed class Inflights
{
    private readonly Queue<long> _last = new();

    /// <summary>Creates a window of <paramref name="capacity"/> messages.</summary>
    public Inflights(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most messages in flight.</summary>
    public int Capacity { get; }

    /// <summary>Messages in flight now.</summary>
    public int Count => _last.Count;

    /// <summary>True when no more appends may be sent.</summary>
    public bool Full => _last.Count >= Capacity;

    /// <summary>Notes an append whose last entry is <paramref name="lastIndex"/>.</summary>
    public void Add(long lastIndex)
    {
        Debug.Assert(!Full, "an append was sent through a full window");
        _last.Enqueue(lastIndex);
    }

    /// <summary>Frees every append whose last entry is at or below <paramref name="index"/> (acks are cumulative).</summary>
    public void FreeTo(long index)
    {
        while (_last.Count > 0 && _last.Peek() <= index)
        {
            _last.Dequeue();
        }
    }

    /// <summary>Frees the oldest slot (a heartbeat answered while full: the follower is alive, an append was lost).</summary>
    public void FreeFirst() => _last.TryDequeue(out _);

    /// <summary>Empties the window.</summary>
    public void Reset() => _last.Clear();
}
