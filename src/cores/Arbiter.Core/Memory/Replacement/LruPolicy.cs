namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// Least-recently-used replacement (Silberschatz 10th ed., §10.4.4; OSTEP ch. 22): evict the page whose last
/// reference is oldest. A stack algorithm, so it never shows Belady's anomaly. Cost: O(1) per reference (the frames
/// in recency order as a linked list; a hit moves its frame to the tail, the victim is the head).
/// </summary>
public sealed class LruPolicy : ReplacementPolicy
{
    private readonly FrameList _recency;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames.</summary>
    public LruPolicy(int capacity) : base(capacity) => _recency = new FrameList(capacity);

    /// <inheritdoc/>
    public override string Name => "lru";

    /// <inheritdoc/>
    protected override void OnHit(int frame) => _recency.MoveToLast(frame);

    /// <inheritdoc/>
    protected override int ChooseVictim() => _recency.First;

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page) => _recency.AddLast(frame);

    /// <inheritdoc/>
    protected override void OnRemove(int frame) => _recency.Remove(frame);
}
