using System.Diagnostics;

namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// A 4-ary min-heap of processes blocked on one resource type, keyed by their demand for it. Entries are packed
/// into one <see cref="long"/> (demand in the high 32 bits, process index in the low 32) so that comparing entries
/// compares demands and the heap is a single array without indirection.
/// </summary>
internal sealed class DemandHeap
{
    private long[] _items;
    private int _count;

    /// <summary>Creates an empty heap with room for <paramref name="capacity"/> entries.</summary>
    public DemandHeap(int capacity) => _items = new long[Math.Max(4, capacity)];

    /// <summary>Number of entries.</summary>
    public int Count => _count;

    /// <summary>The smallest demand in the heap; only valid when <see cref="Count"/> &gt; 0.</summary>
    public long MinDemand => _items[0] >> 32;

    /// <summary>Appends without restoring heap order; call <see cref="Heapify"/> before any other operation.</summary>
    public void AddUnordered(int demand, int process)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = Pack(demand, process);
    }

    /// <summary>Restores heap order after <see cref="AddUnordered"/> calls, in O(count) (Floyd's construction).</summary>
    public void Heapify()
    {
        for (int i = (_count - 2) / 4; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>Inserts a process with its demand, O(log count).</summary>
    public void Push(int demand, int process)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        long item = Pack(demand, process);
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (_items[parent] <= item)
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = item;
    }

    public int PopProcess()
    {
        Debug.Assert(_count > 0, "pop from an empty heap");
        int process = (int)(uint)_items[0];
        _count--;
        if (_count > 0)
        {
            _items[0] = _items[_count];
            SiftDown(0);
        }

        return process;
    }

    // Demands are non-negative in a valid ledger; the packing keeps the order of demands for negative ones too,
    // because the low half (an index < 2^31) never carries into the high half.
    private static long Pack(int demand, int process) => ((long)demand << 32) | (uint)process;

    private void SiftDown(int i)
    {
        // A 4-ary heap: half the depth of a binary one, and the four children share a cache line, so a pop at
        // n = 10,000 touches about 7 lines instead of 14 (the pops dominate the worst-case reduction).
        long item = _items[i];
        while (true)
        {
            int first = (4 * i) + 1;
            if (first >= _count)
            {
                break;
            }

            int last = Math.Min(first + 4, _count);
            int child = first;
            long smallest = _items[first];
            for (int c = first + 1; c < last; c++)
            {
                if (_items[c] < smallest)
                {
                    smallest = _items[c];
                    child = c;
                }
            }

            if (item <= smallest)
            {
                break;
            }

            _items[i] = smallest;
            i = child;
        }

        _items[i] = item;
    }
}
