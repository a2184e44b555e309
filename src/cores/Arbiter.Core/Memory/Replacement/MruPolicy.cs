namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// Most-recently-used replacement (Chou &amp; DeWitt, VLDB 1985, for looping access; OSTEP ch. 22 mentions it as the
/// opposite of LRU): evict the page referenced most recently. On a loop over more pages than frames it keeps most of
/// the loop resident where LRU misses every time. Cost: O(1) per reference (the same recency list as LRU, victim at the tail).
/// </summary>
public sealed class MruPolicy : ReplacementPolicy
{
    private readonly FrameList _recency;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames.</summary>
    public MruPolicy(int capacity) : base(capacity) => _recency = new FrameList(capacity);

    /// <inheritdoc/>
    public override string Name => "mru";

    /// <inheritdoc/>
    protected override void OnHit(int frame) => _recency.MoveToLast(frame);

    /// <inheritdoc/>
    protected override int ChooseVictim() => _recency.Last;

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page) => _recency.AddLast(frame);

    /// <inheritdoc/>
    protected override void OnRemove(int frame) => _recency.Remove(frame);
}
