namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// ARC, the Adaptive Replacement Cache (N. Megiddo and D. S. Modha, "ARC: A Self-Tuning, Low Overhead Replacement
/// Cache", USENIX FAST 2003, Fig. 4), used in IBM DS8000 storage and ZFS. Resident pages are split into T1 (seen once
/// recently) and T2 (seen at least twice); ghost lists B1 and B2 remember the pages recently evicted from each. A hit
/// in a ghost list shows which side was short of room, and the target size p of T1 moves towards it. Followed
/// case by case (I: hit in T1 ∪ T2; II: ghost hit in B1; III: ghost hit in B2; IV: a new page), with two stated
/// choices: the adaptation steps δ are whole numbers (⌊|B2|/|B1|⌋ and ⌊|B1|/|B2|⌋, at least 1), and REPLACE runs
/// only when memory is full — which the paper's invariants guarantee, and which matters here only after
/// <see cref="IReplacementPolicy.Remove"/> (not in the paper) has freed a frame. Cost: O(1) per reference.
/// </summary>
public sealed class ArcPolicy : ReplacementPolicy
{
    private readonly FrameList _t1;
    private readonly FrameList _t2;
    private readonly bool[] _inT2;
    private readonly GhostList _b1 = new();
    private readonly GhostList _b2 = new();
    private int _p;
    private bool _missFromB2;
    private bool _toT2;
    private bool _dropT1Lru;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames (the paper's c).</summary>
    public ArcPolicy(int capacity) : base(capacity)
    {
        _t1 = new FrameList(capacity);
        _t2 = new FrameList(capacity);
        _inT2 = new bool[capacity];
    }

    /// <inheritdoc/>
    public override string Name => "arc";

    /// <summary>The adaptive target size of T1 (the paper's p), 0 … capacity.</summary>
    public int Target => _p;

    /// <summary>The sizes of T1, T2, B1 and B2.</summary>
    public (int T1, int T2, int B1, int B2) Sizes => (_t1.Count, _t2.Count, _b1.Count, _b2.Count);

    /// <inheritdoc/>
    protected override void OnHit(int frame)
    {
        // Case I: a hit in T1 or T2 moves the page to the MRU end of T2.
        if (_inT2[frame])
        {
            _t2.MoveToLast(frame);
        }
        else
        {
            _t1.Remove(frame);
            _t2.AddLast(frame);
            _inT2[frame] = true;
        }
    }

    /// <inheritdoc/>
    protected override void OnMiss(long page)
    {
        _missFromB2 = false;
        _dropT1Lru = false;
        if (_b1.Remove(page))
        {
            // Case II: B1 was too small: grow T1's target.
            _p = Math.Min(Capacity, _p + Math.Max(1, _b2.Count / Math.Max(1, _b1.Count + 1)));
            _toT2 = true;
            return;
        }

        if (_b2.Remove(page))
        {
            // Case III: B2 was too small: shrink T1's target.
            _p = Math.Max(0, _p - Math.Max(1, _b1.Count / Math.Max(1, _b2.Count + 1)));
            _missFromB2 = true;
            _toT2 = true;
            return;
        }

        // Case IV: a page in no list enters T1.
        _toT2 = false;
        int l1 = _t1.Count + _b1.Count;
        int total = l1 + _t2.Count + _b2.Count;
        if (l1 == Capacity)
        {
            if (_t1.Count < Capacity)
            {
                _b1.RemoveLeastRecent();
            }
            else
            {
                // B1 is empty and T1 fills memory: evict T1's LRU page outright, with no ghost.
                _dropT1Lru = true;
            }
        }
        else if (total >= Capacity && total == 2 * Capacity)
        {
            _b2.RemoveLeastRecent();
        }
    }

    /// <inheritdoc/>
    protected override int ChooseVictim()
    {
        if (_dropT1Lru)
        {
            return _t1.First;
        }

        // REPLACE(x, p): evict from T1 if it is above its target (or at it, when x came from B2), else from T2;
        // the victim's page is remembered at the MRU end of the matching ghost list.
        if (_t1.Count > 0 && (_t1.Count > _p || (_missFromB2 && _t1.Count == _p)))
        {
            int frame = _t1.First;
            _b1.Add(PageAt(frame));
            return frame;
        }
        else
        {
            int frame = _t2.First;
            _b2.Add(PageAt(frame));
            return frame;
        }
    }

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page)
    {
        if (_toT2)
        {
            _t2.AddLast(frame);
            _inT2[frame] = true;
        }
        else
        {
            _t1.AddLast(frame);
            _inT2[frame] = false;
        }
    }

    /// <inheritdoc/>
    protected override void OnRemove(int frame)
    {
        if (_inT2[frame])
        {
            _t2.Remove(frame);
            _inT2[frame] = false;
        }
        else
        {
            _t1.Remove(frame);
        }
    }
}
