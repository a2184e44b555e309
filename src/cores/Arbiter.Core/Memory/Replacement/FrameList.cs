namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// A doubly linked list of frame numbers held in two arrays (no allocation per operation): add at the tail, remove
/// anywhere, move to the tail, all O(1). Index <c>capacity</c> is the sentinel, so the list is circular and has no
/// null checks. Used as the FIFO queue, the LRU/MRU recency order and ARC's T1 and T2.
/// </summary>
internal sealed class FrameList
{
    private readonly int[] _next;
    private readonly int[] _previous;
    private readonly int _sentinel;

    public FrameList(int capacity)
    {
        _next = new int[capacity + 1];
        _previous = new int[capacity + 1];
        _sentinel = capacity;
        _next[_sentinel] = _previous[_sentinel] = _sentinel;
    }

    public int Count { get; private set; }

    /// <summary>The head (oldest / least recent), or -1 if empty.</summary>
    public int First => Count == 0 ? -1 : _next[_sentinel];

    /// <summary>The tail (newest / most recent), or -1 if empty.</summary>
    public int Last => Count == 0 ? -1 : _previous[_sentinel];

    public void AddLast(int frame)
    {
        int last = _previous[_sentinel];
        _next[last] = frame;
        _previous[frame] = last;
        _next[frame] = _sentinel;
        _previous[_sentinel] = frame;
        Count++;
    }

    public void Remove(int frame)
    {
        _next[_previous[frame]] = _next[frame];
        _previous[_next[frame]] = _previous[frame];
        Count--;
    }

    public void MoveToLast(int frame)
    {
        if (_previous[_sentinel] != frame)
        {
            Remove(frame);
            AddLast(frame);
        }
    }
}
