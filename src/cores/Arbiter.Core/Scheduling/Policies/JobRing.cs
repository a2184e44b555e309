using System.Diagnostics;

namespace Arbiter.Core.Scheduling.Policies;

/// <summary>A double-ended queue of job indices on a growable ring buffer: O(1) amortized at both ends.</summary>
public sealed class JobRing
{
    private int[] _items = new int[16];
    private int _head;

    /// <summary>Number of queued jobs.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="job"/> at the tail.</summary>
    public void AddLast(int job)
    {
        Grow();
        _items[(_head + Count) & (_items.Length - 1)] = job;
        Count++;
    }

    /// <summary>Adds <paramref name="job"/> at the head.</summary>
    public void AddFirst(int job)
    {
        Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = job;
        Count++;
    }

    /// <summary>Removes and returns the head, or −1 when empty.</summary>
    public int RemoveFirst()
    {
        if (Count == 0)
        {
            return -1;
        }

        int job = _items[_head];
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
        return job;
    }

    /// <summary>The job at <paramref name="index"/> from the head.</summary>
    public int this[int index]
    {
        get
        {
            Debug.Assert(index >= 0 && index < Count, "index inside the queue");
            return _items[(_head + index) & (_items.Length - 1)];
        }
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }

        // The capacity stays a power of two so that wrapping is a mask.
        var bigger = new int[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
