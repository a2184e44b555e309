using System.Diagnostics;

namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// The frame bookkeeping every policy shares: which page is in which frame (a hash map, O(1)), the free frames
/// (lowest first), and the order of events a policy reacts to. A subclass only decides the victim: it sees
/// <see cref="OnHit"/>, <see cref="OnMiss"/>, <see cref="OnLoad"/> and <see cref="OnRemove"/>, and answers
/// <see cref="ChooseVictim"/> when every frame is full. The cost of a reference is O(1) plus the subclass's.
/// </summary>
public abstract class ReplacementPolicy : IReplacementPolicy
{
    private readonly Dictionary<long, int> _frameOf;
    private readonly long[] _pageIn;
    private readonly bool[] _used;
    private readonly PriorityQueue<int, int> _freed = new();
    private int _fresh;

    /// <summary>Creates the bookkeeping for <paramref name="capacity"/> frames (at least one).</summary>
    protected ReplacementPolicy(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _frameOf = new Dictionary<long, int>(capacity);
        _pageIn = new long[capacity];
        _used = new bool[capacity];
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public int Capacity { get; }

    /// <inheritdoc/>
    public int Count => _frameOf.Count;

    /// <inheritdoc/>
    public AccessResult Access(long page)
    {
        if (_frameOf.TryGetValue(page, out int frame))
        {
            OnHit(frame);
            return new AccessResult(true, frame, null);
        }

        OnMiss(page);
        long? evicted = null;
        if (_frameOf.Count == Capacity)
        {
            frame = ChooseVictim();
            Debug.Assert(_used[frame], "the victim frame must hold a page");
            evicted = _pageIn[frame];
            OnRemove(frame);
            _frameOf.Remove(_pageIn[frame]);
        }
        else
        {
            // Freed frames are all below _fresh, so the queue's minimum (if any) is the lowest free frame.
            frame = _freed.Count > 0 ? _freed.Dequeue() : _fresh++;
        }

        _pageIn[frame] = page;
        _used[frame] = true;
        _frameOf.Add(page, frame);
        OnLoad(frame, page);
        return new AccessResult(false, frame, evicted);
    }

    /// <inheritdoc/>
    public bool Contains(long page) => _frameOf.ContainsKey(page);

    /// <inheritdoc/>
    public bool Remove(long page)
    {
        if (!_frameOf.Remove(page, out int frame))
        {
            return false;
        }

        OnRemove(frame);
        _used[frame] = false;
        _freed.Enqueue(frame, frame);
        return true;
    }

    /// <inheritdoc/>
    public long? PageInFrame(int frame) => _used[frame] ? _pageIn[frame] : null;

    /// <summary>The page in an occupied frame.</summary>
    protected long PageAt(int frame) => _pageIn[frame];

    /// <summary>The resident page was referenced again.</summary>
    protected abstract void OnHit(int frame);

    /// <summary>A miss on <paramref name="page"/>, before any victim is chosen (ARC adapts here).</summary>
    protected virtual void OnMiss(long page)
    {
    }

    /// <summary>Every frame is full: the frame whose page is evicted.</summary>
    protected abstract int ChooseVictim();

    /// <summary><paramref name="page"/> was loaded into <paramref name="frame"/> (a reference to it).</summary>
    protected abstract void OnLoad(int frame, long page);

    /// <summary>The page in <paramref name="frame"/> leaves memory (evicted or removed).</summary>
    protected abstract void OnRemove(int frame);
}
