using System.Numerics;
using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Core.Memory.Translation;

/// <summary>
/// A described virtual address space and the machine under it: how wide a virtual address is, the page size, how
/// many levels of page table split the virtual page number, how many physical frames there are and which policy
/// replaces their pages, and the TLB (entries and policy; 0 entries = no TLB). The virtual page number's bits are
/// shared among the levels as evenly as possible, the top levels taking any remainder (20 bits in 3 levels: 7, 7, 6).
/// </summary>
/// <param name="AddressBits">Bits in a virtual address (1 … 64).</param>
/// <param name="PageSize">Bytes per page, a power of two.</param>
/// <param name="Levels">Levels of page table (1 … 6).</param>
/// <param name="Frames">Physical frames.</param>
/// <param name="FramePolicy">Page replacement in physical memory.</param>
/// <param name="TlbEntries">TLB entries; 0 for no TLB.</param>
/// <param name="TlbPolicy">Replacement among TLB entries.</param>
/// <param name="Seed">Seed for the random policy.</param>
public sealed record AddressSpace(
    int AddressBits,
    long PageSize,
    int Levels,
    int Frames,
    ReplacementPolicyKind FramePolicy = ReplacementPolicyKind.Lru,
    int TlbEntries = 0,
    ReplacementPolicyKind TlbPolicy = ReplacementPolicyKind.Lru,
    ulong Seed = 0)
{
    /// <summary>The most entries one page-table node may have (2^20); wider splits need more levels.</summary>
    public const int MaxTableBits = 20;

    /// <summary>Bits of the offset within a page.</summary>
    public int OffsetBits => BitOperations.Log2((ulong)PageSize);

    /// <summary>Bits of the virtual page number.</summary>
    public int VpnBits => AddressBits - OffsetBits;

    /// <summary>The number of index bits at each level, top level first.</summary>
    public int[] BitsPerLevel()
    {
        var bits = new int[Levels];
        for (int l = 0; l < Levels; l++)
        {
            bits[l] = (VpnBits / Levels) + (l < VpnBits % Levels ? 1 : 0);
        }

        return bits;
    }

    /// <summary>Whether <paramref name="address"/> lies inside the address space (0 … 2^bits − 1).</summary>
    public bool InRange(long address) => AddressBits == 64 || ((ulong)address >> AddressBits) == 0;

    /// <summary>The first problem with this description as (field, message), or null if it is valid.</summary>
    public (string Field, string Message)? Problem()
    {
        if (AddressBits is < 1 or > 64)
        {
            return ("address_bits", $"must be between 1 and 64, got {AddressBits}");
        }

        if (PageSize < 1 || !BitOperations.IsPow2(PageSize))
        {
            return ("page_size", $"must be a power of two (bytes), got {PageSize}");
        }

        if (OffsetBits >= AddressBits)
        {
            return ("page_size", $"a page of {PageSize} bytes needs {OffsetBits} offset bits, leaving none of the {AddressBits} address bits for a page number");
        }

        if (Levels is < 1 or > 6)
        {
            return ("levels", $"must be between 1 and 6, got {Levels}");
        }

        if (Levels > VpnBits)
        {
            return ("levels", $"{Levels} levels need at least {Levels} page-number bits, the address has {VpnBits}");
        }

        if (BitsPerLevel()[0] > MaxTableBits)
        {
            return ("levels", $"{VpnBits} page-number bits in {Levels} level(s) make tables of 2^{BitsPerLevel()[0]} entries; use more levels (at most 2^{MaxTableBits} per table)");
        }

        if (Frames < 1)
        {
            return ("frames", $"must be at least 1, got {Frames}");
        }

        if (TlbEntries < 0)
        {
            return ("tlb.entries", $"must not be negative, got {TlbEntries}");
        }

        return null;
    }
}
