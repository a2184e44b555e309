namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// The straightforward list-based version of every policy, written the way the textbooks describe them and kept
/// deliberately separate from the fast implementations: it is their oracle (differential tests on thousands of
/// random traces must agree on every hit, frame and eviction) and their baseline in the benchmarks. Every reference
/// scans lists: O(n) for n frames (OPT uses a precomputed next-use array, then a linear scan of the frames).
/// Clock is written as the second-chance FIFO queue (victim = head; a head with its bit set is cleared and moved to
/// the tail), which is equivalent to the circular hand when frames are never removed.
/// </summary>
internal sealed class TextbookPolicy : IReplacementPolicy
{
    private readonly ReplacementPolicyKind _kind;
    private readonly long?[] _frames;
    private readonly List<int> _order = [];              // FIFO/clock: load order; LRU/MRU: recency order (oldest first)
    private readonly bool[] _referenced;                 // clock
    private readonly long[] _count;                      // LFU
    private readonly long[] _lastUse;                    // LFU
    private readonly long[] _trace;                      // OPT
    private readonly int[] _nextUse;                     // OPT: next position of the same page
    private readonly long[] _nextUseOf;                  // OPT: per frame, its page's next use
    private readonly List<long> _t1 = [], _t2 = [], _b1 = [], _b2 = [];  // ARC, least recent first
    private SplitMix64 _random;
    private int _p;
    private long _time;
    private bool _arcFromB2;
    private bool _arcDropT1;

    public TextbookPolicy(ReplacementPolicyKind kind, int capacity, ReadOnlySpan<long> future = default, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _kind = kind;
        _frames = new long?[capacity];
        _referenced = new bool[capacity];
        _count = new long[capacity];
        _lastUse = new long[capacity];
        _trace = future.ToArray();
        _nextUse = new int[_trace.Length];
        var seen = new Dictionary<long, int>();
        for (int i = _trace.Length - 1; i >= 0; i--)
        {
            _nextUse[i] = seen.GetValueOrDefault(_trace[i], _trace.Length);
            seen[_trace[i]] = i;
        }

        _nextUseOf = new long[capacity];

        _random = new SplitMix64(seed);
    }

    public string Name => ReplacementPolicies.Name(_kind);

    public int Capacity => _frames.Length;

    public int Count => _frames.Count(f => f is not null);

    public bool Contains(long page) => Array.IndexOf(_frames, page) >= 0;

    public long? PageInFrame(int frame) => _frames[frame];

    public bool Remove(long page) => throw new NotSupportedException("the textbook reference has no invalidation");

    public AccessResult Access(long page)
    {
        long now = _time++;
        if (_kind == ReplacementPolicyKind.Opt && (now >= _trace.Length || _trace[now] != page))
        {
            throw new InvalidOperationException("OPT must be driven by the trace it was given");
        }

        int frame = Array.IndexOf(_frames, page);
        if (frame >= 0)
        {
            Hit(frame, page, now);
            return new AccessResult(true, frame, null);
        }

        bool arcToT2 = _kind == ReplacementPolicyKind.Arc && ArcMiss(page);
        long? evicted = null;
        frame = Array.IndexOf(_frames, null);
        if (frame < 0)
        {
            frame = Victim();
            evicted = _frames[frame];
            _order.Remove(frame);
        }

        _frames[frame] = page;
        _order.Add(frame);
        _referenced[frame] = true;
        _count[frame] = 1;
        _lastUse[frame] = now;
        _nextUseOf[frame] = _kind == ReplacementPolicyKind.Opt ? _nextUse[now] : 0;
        if (_kind == ReplacementPolicyKind.Arc)
        {
            (arcToT2 ? _t2 : _t1).Add(page);
        }

        return new AccessResult(false, frame, evicted);
    }

    private void Hit(int frame, long page, long now)
    {
        _referenced[frame] = true;
        _count[frame]++;
        _lastUse[frame] = now;
        _nextUseOf[frame] = _kind == ReplacementPolicyKind.Opt ? _nextUse[now] : 0;
        if (_kind is ReplacementPolicyKind.Lru or ReplacementPolicyKind.Mru)
        {
            _order.Remove(frame);
            _order.Add(frame);
        }

        if (_kind == ReplacementPolicyKind.Arc)
        {
            _t1.Remove(page);
            _t2.Remove(page);
            _t2.Add(page);
        }
    }

    private int Victim()
    {
        switch (_kind)
        {
            case ReplacementPolicyKind.Fifo:
            case ReplacementPolicyKind.Lru:
                return _order[0];
            case ReplacementPolicyKind.Mru:
                return _order[^1];
            case ReplacementPolicyKind.Clock:
                while (_referenced[_order[0]])
                {
                    int head = _order[0];
                    _referenced[head] = false;
                    _order.RemoveAt(0);
                    _order.Add(head);
                }

                return _order[0];
            case ReplacementPolicyKind.Random:
                return _random.NextInt(Capacity);
            case ReplacementPolicyKind.Lfu:
                int least = 0;
                for (int f = 1; f < Capacity; f++)
                {
                    if (_count[f] < _count[least] || (_count[f] == _count[least] && _lastUse[f] < _lastUse[least]))
                    {
                        least = f;
                    }
                }

                return least;
            case ReplacementPolicyKind.Opt:
                int farthest = 0;
                for (int f = 1; f < Capacity; f++)
                {
                    if (_nextUseOf[f] > _nextUseOf[farthest])
                    {
                        farthest = f;
                    }
                }

                return farthest;
            case ReplacementPolicyKind.Arc:
                return Array.IndexOf(_frames, ArcReplace());
            default:
                throw new InvalidOperationException($"unknown policy {_kind}");
        }
    }

    // ARC, Megiddo & Modha 2003, Fig. 4, over plain lists (index 0 = LRU end). Returns whether x goes to T2.
    private bool ArcMiss(long x)
    {
        int c = Capacity;
        if (_b1.Contains(x))
        {
            int delta = _b1.Count >= _b2.Count ? 1 : _b2.Count / _b1.Count;
            _p = Math.Min(_p + delta, c);
            _b1.Remove(x);
            _arcFromB2 = false;
            _arcDropT1 = false;
            return true;
        }

        if (_b2.Contains(x))
        {
            int delta = _b2.Count >= _b1.Count ? 1 : _b1.Count / _b2.Count;
            _p = Math.Max(_p - delta, 0);
            _b2.Remove(x);
            _arcFromB2 = true;
            _arcDropT1 = false;
            return true;
        }

        _arcFromB2 = false;
        _arcDropT1 = false;
        if (_t1.Count + _b1.Count == c)
        {
            if (_t1.Count < c)
            {
                _b1.RemoveAt(0);
            }
            else
            {
                _arcDropT1 = true;
            }
        }
        else if (_t1.Count + _t2.Count + _b1.Count + _b2.Count == 2 * c)
        {
            _b2.RemoveAt(0);
        }

        return false;
    }

    private long ArcReplace()
    {
        long victim;
        if (_arcDropT1)
        {
            victim = _t1[0];
            _t1.RemoveAt(0);
        }
        else if (_t1.Count >= 1 && ((_arcFromB2 && _t1.Count == _p) || _t1.Count > _p))
        {
            victim = _t1[0];
            _t1.RemoveAt(0);
            _b1.Add(victim);
        }
        else
        {
            victim = _t2[0];
            _t2.RemoveAt(0);
            _b2.Add(victim);
        }

        return victim;
    }
}
