using Arbiter.Core.Memory.Paging;
using Arbiter.Core.Memory.Replacement;
using Arbiter.Core.Memory.Translation;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Memory;

public class MmuTests
{
    // 16-bit addresses, 256-byte pages: 8 offset bits, 8 VPN bits split 4 + 4 over two levels.
    private static readonly AddressSpace Small = new(AddressBits: 16, PageSize: 256, Levels: 2, Frames: 2,
        FramePolicy: ReplacementPolicyKind.Lru, TlbEntries: 2, TlbPolicy: ReplacementPolicyKind.Lru);

    [Fact]
    public void Run_SmallSpace_TranslationsAndCostsAsWorkedByHand()
    {
        var run = Mmu.Run(Small, [0x1234, 0x1250, 0x3400, 0x1200, 0x5600, 0x3410]);

        // Worked on paper: faults cost 2 walks of 2 entries + the access = 5; TLB hits cost 1.
        Assert.Equal(new long[] { 0x034, 0x050, 0x100, 0x000, 0x100, 0x010 }, run.Steps.Select(s => s.Physical));
        Assert.Equal(new bool?[] { false, true, false, true, false, false }, run.Steps.Select(s => s.TlbHit));
        Assert.Equal(new[] { true, false, true, false, true, true }, run.Steps.Select(s => s.PageFault));
        Assert.Equal(new long?[] { null, null, null, null, 0x34, 0x12 }, run.Steps.Select(s => s.Evicted));
        Assert.Equal(new[] { 5, 1, 5, 1, 5, 5 }, run.Steps.Select(s => s.MemoryReferences));
        Assert.Equal(new[] { 1, 2 }, run.Steps[0].Indices);
        Assert.Equal(0x34, run.Steps[0].Offset);
        Assert.Equal((2, 4, 4, 22L), (run.TlbHits, run.TlbMisses, run.PageFaults, run.MemoryReferences));
        Assert.Equal(4, run.PageTables); // the root and the second-level tables for top indices 1, 3 and 5
    }

    [Fact]
    public void Translate_TlbMissOnResidentPage_CostsOneWalkAndTheAccess()
    {
        var mmu = new Mmu(Small with { Frames = 4, TlbEntries = 1 });
        mmu.Translate(0x1234);
        mmu.Translate(0x3400);

        var t = mmu.Translate(0x12ff);
        Assert.Equal((false, false, 0, 0x0ffL, 3), (t.TlbHit!.Value, t.PageFault, t.Frame, t.Physical, t.MemoryReferences));
    }

    [Fact]
    public void Translate_NoTlb_EveryAccessWalks()
    {
        var run = Mmu.Run(Small with { TlbEntries = 0, Levels = 1 }, [0x0100, 0x0104]);

        Assert.All(run.Steps, s => Assert.Null(s.TlbHit));
        Assert.Equal(new[] { 3, 2 }, run.Steps.Select(s => s.MemoryReferences));
    }

    [Fact]
    public void Translate_AddressOutsideSpace_Throws()
    {
        var mmu = new Mmu(Small);

        Assert.Throws<ArgumentOutOfRangeException>(() => mmu.Translate(0x1_0000));
    }

    [Theory]
    [InlineData(48, 4096, 1, "levels")]
    [InlineData(16, 3000, 2, "page_size")]
    [InlineData(16, 65536, 1, "page_size")]
    [InlineData(16, 256, 9, "levels")]
    [InlineData(65, 256, 2, "address_bits")]
    public void Problem_BadDescription_NamesTheField(int bits, long pageSize, int levels, string field)
    {
        var problem = new AddressSpace(bits, pageSize, levels, Frames: 4).Problem();

        Assert.Equal(field, problem?.Field);
    }

    [Fact]
    public void BitsPerLevel_UnevenSplit_TopLevelsTakeTheRemainder()
    {
        Assert.Equal(new[] { 7, 7, 6 }, new AddressSpace(32, 4096, 3, 1).BitsPerLevel());
        Assert.Equal(new[] { 9, 9, 9, 9 }, new AddressSpace(48, 4096, 4, 1).BitsPerLevel());
    }

    [Fact]
    public void Run_AnyAddressesAnyTlb_FramesFollowThePagingSimulatorAndTheTlbNeverLies()
    {
        var cases = (from frames in Gen.Choose(1, 6)
                     from tlb in Gen.Choose(0, 4)
                     from levels in Gen.Choose(1, 3)
                     from kind in Gen.Elements(Enum.GetValues<ReplacementPolicyKind>())
                     from tlbKind in Gen.Elements(Enum.GetValues<ReplacementPolicyKind>())
                     from addresses in Gen.ListOf(Gen.Choose(0, 0xfff).Select(a => (long)a))
                     select (frames, tlb, levels, kind, tlbKind, addresses.ToArray())).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(cases, c =>
        {
            var space = new AddressSpace(12, 64, c.levels, c.frames, c.kind, c.tlb, c.tlbKind, Seed: 9);
            var run = Mmu.Run(space, c.Item6);
            long[] vpns = c.Item6.Select(a => a >> 6).ToArray();
            var paging = PagingSimulator.Run(ReplacementPolicies.Create(c.kind, c.frames, vpns, 9), vpns);
            for (int i = 0; i < vpns.Length; i++)
            {
                var step = run.Steps[i];
                Assert.Equal(!paging.Accesses[i].Hit, step.PageFault);
                Assert.Equal(paging.Accesses[i].Frame, step.Frame);
                Assert.Equal(paging.Accesses[i].Evicted, step.Evicted);
                Assert.Equal((step.Frame * 64L) + (c.Item6[i] & 63), step.Physical);
                Assert.False(step.TlbHit == true && step.PageFault);
                Assert.Equal(step.TlbHit == true ? 1 : step.PageFault ? (2 * c.levels) + 1 : c.levels + 1, step.MemoryReferences);
            }
        }));
    }

    [Fact]
    public void EffectiveAccessTime_TextbookFigures_OneFaultPerThousandIsFortyTimesSlower()
    {
        // Silberschatz §10.2.2: 200 ns memory, 8 ms fault service, p = 1/1000 → 8.2 µs.
        Assert.Equal(8199.8, EffectiveAccessTime.Nanoseconds(0.001, 200, 8_000_000), 6);
    }
}
