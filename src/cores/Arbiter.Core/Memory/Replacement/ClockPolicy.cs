namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// Second-chance clock (Silberschatz 10th ed., §10.4.5.2; OSTEP ch. 22 "Approximating LRU"). The frames form a
/// circle with one reference bit each and a hand. Exact semantics followed here:
/// <list type="bullet">
/// <item>Every reference sets the page's bit to 1, and so does loading it: the faulting reference is a reference
/// (OSTEP: "whenever a page is referenced … the use bit is set by hardware to 1").</item>
/// <item>While free frames remain, a miss fills the lowest free frame and the hand does not move (it starts at frame 0,
/// which is then the oldest page).</item>
/// <item>When memory is full, the hand sweeps from where it points: a page with bit 1 has it cleared (its second
/// chance) and the hand moves on; the first page with bit 0 is evicted, the new page takes its frame, and the hand
/// stops one past that frame, so the new page is the last the hand will reach.</item>
/// <item>A removed page (invalidation) frees its frame without moving the hand.</item>
/// </list>
/// This is FIFO with a second chance; with every bit set it degenerates to FIFO after one full sweep.
/// Cost: O(1) amortised per reference (each sweep step clears a bit that a reference had set).
/// </summary>
public sealed class ClockPolicy : ReplacementPolicy
{
    private readonly bool[] _referenced;
    private int _hand;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames.</summary>
    public ClockPolicy(int capacity) : base(capacity) => _referenced = new bool[capacity];

    /// <inheritdoc/>
    public override string Name => "clock";

    /// <summary>The frame the hand points at.</summary>
    public int Hand => _hand;

    /// <summary>The reference bit of <paramref name="frame"/>.</summary>
    public bool Referenced(int frame) => _referenced[frame];

    /// <inheritdoc/>
    protected override void OnHit(int frame) => _referenced[frame] = true;

    /// <inheritdoc/>
    protected override int ChooseVictim()
    {
        // Memory is full, so every frame holds a page; at most one full turn clears every bit.
        while (_referenced[_hand])
        {
            _referenced[_hand] = false;
            _hand = _hand + 1 == Capacity ? 0 : _hand + 1;
        }

        int victim = _hand;
        _hand = _hand + 1 == Capacity ? 0 : _hand + 1;
        return victim;
    }

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page) => _referenced[frame] = true;

    /// <inheritdoc/>
    protected override void OnRemove(int frame) => _referenced[frame] = false;
}
