using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Memory;

/// <summary>Random reference strings for property tests: short, over few pages, so that hits, misses and ties all occur.</summary>
internal static class TraceGen
{
    public static Arbitrary<(long[] Trace, int Frames, ulong Seed)> Traces(int maxLength = 60, int maxPages = 10, int maxFrames = 7) =>
        (from pages in Gen.Choose(1, maxPages)
         from length in Gen.Choose(0, maxLength)
         from trace in Gen.ArrayOf(Gen.Choose(0, pages - 1).Select(p => (long)p), length)
         from frames in Gen.Choose(1, maxFrames)
         from seed in Gen.Choose(0, int.MaxValue)
         select (trace, frames, (ulong)seed)).ToArbitrary();
}
