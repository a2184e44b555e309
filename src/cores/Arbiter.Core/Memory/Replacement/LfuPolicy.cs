namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// Least-frequently-used replacement (Silberschatz 10th ed., §10.4.6 "counting-based page replacement"): evict the
/// page with the fewest references since it was loaded (the count starts at 1 on load and is forgotten on eviction);
/// ties go to the least recently used of them. Cost: O(log n) per reference — a heap of frames keyed by
/// (count, time of last reference), packed as count·2^40 + time, so counts and times stay below 2^23 and 2^40.
/// </summary>
public sealed class LfuPolicy : ReplacementPolicy
{
    private const int TimeBits = 40;
    private readonly FrameHeap _heap;
    private readonly long[] _count;
    private long _time;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames.</summary>
    public LfuPolicy(int capacity) : base(capacity)
    {
        _heap = new FrameHeap(capacity);
        _count = new long[capacity];
    }

    /// <inheritdoc/>
    public override string Name => "lfu";

    /// <summary>The references counted for the page in <paramref name="frame"/>.</summary>
    public long Frequency(int frame) => _count[frame];

    /// <inheritdoc/>
    protected override void OnHit(int frame)
    {
        _count[frame]++;
        _heap.Update(frame, Key(frame));
    }

    /// <inheritdoc/>
    protected override int ChooseVictim() => _heap.Min;

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page)
    {
        _count[frame] = 1;
        _heap.Insert(frame, Key(frame));
    }

    /// <inheritdoc/>
    protected override void OnRemove(int frame) => _heap.Remove(frame);

    private long Key(int frame) => (_count[frame] << TimeBits) | (_time++ & ((1L << TimeBits) - 1));
}
