using System.Diagnostics;

namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// Belady's optimal replacement, OPT/MIN (Belady, IBM Systems Journal 1966; Silberschatz 10th ed., §10.4.3): evict
/// the page whose next reference lies farthest in the future; pages never referenced again go first, the one in the
/// lowest frame before the others. It needs the whole reference string in advance and must be driven with exactly
/// that string. Cost: O(n) once to precompute every position's next use (one backward pass), then O(log n) per
/// reference (a heap of frames keyed by next use).
/// </summary>
public sealed class OptPolicy : ReplacementPolicy
{
    private readonly long[] _trace;
    private readonly int[] _nextUse;
    private readonly FrameHeap _heap;
    private int _position;
    private int _missAt;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames for the reference string <paramref name="future"/>.</summary>
    public OptPolicy(int capacity, ReadOnlySpan<long> future) : base(capacity)
    {
        _trace = future.ToArray();
        _nextUse = NextUses(future);
        _heap = new FrameHeap(capacity);
    }

    /// <inheritdoc/>
    public override string Name => "opt";

    /// <summary>For each position i, the next position j &gt; i with the same page, or the trace length if none.</summary>
    public static int[] NextUses(ReadOnlySpan<long> trace)
    {
        var next = new int[trace.Length];
        var seen = new Dictionary<long, int>();
        for (int i = trace.Length - 1; i >= 0; i--)
        {
            next[i] = seen.TryGetValue(trace[i], out int j) ? j : trace.Length;
            seen[trace[i]] = i;
        }

        return next;
    }

    /// <inheritdoc/>
    protected override void OnHit(int frame)
    {
        int now = Advance(PageAt(frame));
        _heap.Update(frame, Key(frame, now));
    }

    /// <inheritdoc/>
    protected override void OnMiss(long page) => _missAt = Advance(page);

    /// <inheritdoc/>
    protected override int ChooseVictim() => _heap.Min;

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page) => _heap.Insert(frame, Key(frame, _missAt));

    /// <inheritdoc/>
    protected override void OnRemove(int frame) => _heap.Remove(frame);

    private int Advance(long page)
    {
        if (_position >= _trace.Length || _trace[_position] != page)
        {
            throw new InvalidOperationException(
                $"OPT was given its future: reference {_position} should be {(_position < _trace.Length ? _trace[_position].ToString(System.Globalization.CultureInfo.InvariantCulture) : "the end")}, got {page}");
        }

        return _position++;
    }

    // A min-heap serves "farthest next use first" with negated keys. Never-used-again pages share next use = length,
    // so a frame term breaks the tie towards the lowest frame: key = -(next·capacity + (capacity − 1 − frame)).
    private long Key(int frame, int now)
    {
        long next = _nextUse[now];
        Debug.Assert(next > now, "the next use lies ahead");
        return -((next * Capacity) + (Capacity - 1 - frame));
    }
}
