using System.Diagnostics;
using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Core.Memory.Translation;

/// <summary>
/// Address translation as OSTEP ch. 19–21 and Silberschatz §9.3–9.4 describe it, over an <see cref="AddressSpace"/>:
/// <list type="number">
/// <item>Split the address: VPN = address ≫ offset bits, offset = the low bits.</item>
/// <item>TLB lookup (if there is a TLB). A hit gives the frame at once: 1 memory reference, the access itself.</item>
/// <item>On a TLB miss, walk the page table: one reference per level. If the page is present, insert the
/// translation in the TLB and retry: levels + 1 references.</item>
/// <item>If it is not present, a page fault: the frame pool (a replacement policy) picks a frame, evicting a victim
/// whose page-table entry is cleared and whose TLB entry is invalidated; the faulting instruction is retried, so the
/// walk is made again before the TLB is filled: 2 × levels + 1 references, plus the fault itself.</item>
/// </list>
/// The frame pool and the TLB are the same <see cref="IReplacementPolicy"/> implementations as <c>arbiter paging</c>:
/// the frame pool sees every reference (hardware sets the reference bit even on a TLB hit), the TLB sees every
/// lookup, so OPT, LRU and clock get exact histories. Page tables are assumed resident (they use no frames).
/// Cost: O(levels) per access plus the two policies' costs.
/// </summary>
public sealed class Mmu
{
    private readonly AddressSpace _space;
    private readonly PageTable _table;
    private readonly IReplacementPolicy _frames;
    private readonly IReplacementPolicy? _tlb;
    private readonly int[] _tlbFrame;
    private readonly long _offsetMask;

    /// <summary>
    /// Creates the machine. <paramref name="futureVpns"/> is the sequence of virtual pages the run will touch, needed
    /// only when a policy is OPT.
    /// </summary>
    public Mmu(AddressSpace space, ReadOnlySpan<long> futureVpns = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Problem() is { } problem)
        {
            throw new ArgumentException($"{problem.Field}: {problem.Message}", nameof(space));
        }

        _space = space;
        _table = new PageTable(space.BitsPerLevel());
        _frames = ReplacementPolicies.Create(space.FramePolicy, space.Frames, futureVpns, space.Seed);
        _tlb = space.TlbEntries > 0 ? ReplacementPolicies.Create(space.TlbPolicy, space.TlbEntries, futureVpns, space.Seed + 1) : null;
        _tlbFrame = new int[Math.Max(0, space.TlbEntries)];
        _offsetMask = space.PageSize - 1;
    }

    /// <summary>Page-table nodes allocated so far.</summary>
    public int PageTables => _table.Tables;

    /// <summary>The frame pool's policy (observable frames).</summary>
    public IReplacementPolicy FramePool => _frames;

    /// <summary>The TLB's policy, or null.</summary>
    public IReplacementPolicy? Tlb => _tlb;

    /// <summary>Runs every address of <paramref name="addresses"/> through a new machine.</summary>
    public static TranslationRun Run(AddressSpace space, IReadOnlyList<long> addresses)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(addresses);
        int offsetBits = space.OffsetBits;
        long[] vpns = addresses.Select(a => (long)((ulong)a >> offsetBits)).ToArray();
        var mmu = new Mmu(space, vpns);
        var steps = addresses.Select(mmu.Translate).ToArray();
        return new TranslationRun(space, steps, mmu.PageTables);
    }

    /// <summary>Whether <paramref name="address"/> lies inside the address space.</summary>
    public bool InRange(long address) => _space.InRange(address);

    /// <summary>Translates one virtual address.</summary>
    public Translation Translate(long address)
    {
        if (!InRange(address))
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"outside the {_space.AddressBits}-bit address space");
        }

        long vpn = (long)((ulong)address >> _space.OffsetBits);
        long offset = address & _offsetMask;
        int levels = _table.Levels;
        bool tlbHit = _tlb?.Contains(vpn) ?? false;
        int? mapped = tlbHit ? null : _table.Walk(vpn);

        // The frame pool hears of every reference; a hit here is the page already being in memory.
        AccessResult frame = _frames.Access(vpn);
        Debug.Assert(frame.Hit == (tlbHit || mapped is not null), "the page table and the frame pool agree on residency");
        if (frame.Evicted is { } victim)
        {
            _table.Unmap(victim);
            _tlb?.Remove(victim);
        }

        if (!frame.Hit)
        {
            _table.Map(vpn, frame.Frame);
        }

        int physicalFrame = frame.Frame;
        if (_tlb is not null)
        {
            AccessResult entry = _tlb.Access(vpn);
            Debug.Assert(entry.Hit == tlbHit, "a TLB entry is dropped when its page leaves memory");
            if (entry.Hit)
            {
                physicalFrame = _tlbFrame[entry.Frame];
                Debug.Assert(physicalFrame == frame.Frame, "the TLB caches the page table");
            }
            else
            {
                _tlbFrame[entry.Frame] = frame.Frame;
            }
        }

        int references = tlbHit ? 1 : frame.Hit ? levels + 1 : (2 * levels) + 1;
        return new Translation(address, vpn, offset, _table.Indices(vpn), _tlb is null ? null : tlbHit, !frame.Hit, frame.Evicted,
            physicalFrame, (physicalFrame * _space.PageSize) + offset, references);
    }
}
