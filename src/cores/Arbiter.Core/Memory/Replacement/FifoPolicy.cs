namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// FIFO replacement (Silberschatz, Operating System Concepts 10th ed., §10.4.2; OSTEP ch. 22): evict the page that
/// was loaded longest ago; a hit changes nothing. Subject to Belady's anomaly (1,2,3,4,1,2,5,1,2,3,4,5: 9 faults
/// with 3 frames, 10 with 4). Cost: O(1) per reference (a queue of frames as a linked list).
/// </summary>
public sealed class FifoPolicy : ReplacementPolicy
{
    private readonly FrameList _queue;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames.</summary>
    public FifoPolicy(int capacity) : base(capacity) => _queue = new FrameList(capacity);

    /// <inheritdoc/>
    public override string Name => "fifo";

    /// <inheritdoc/>
    protected override void OnHit(int frame)
    {
    }

    /// <inheritdoc/>
    protected override int ChooseVictim() => _queue.First;

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page) => _queue.AddLast(frame);

    /// <inheritdoc/>
    protected override void OnRemove(int frame) => _queue.Remove(frame);
}
