using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Core.Memory.Traces;

/// <summary>Seeded reference strings: a seed reproduces the same string everywhere (<see cref="SplitMix64"/>).</summary>
public static class TraceGenerator
{
    /// <summary><paramref name="length"/> pages drawn uniformly from 0 … <paramref name="pages"/> − 1.</summary>
    public static long[] Uniform(int length, int pages, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        var random = new SplitMix64(seed);
        var trace = new long[length];
        for (int i = 0; i < trace.Length; i++)
        {
            trace[i] = random.NextInt(pages);
        }

        return trace;
    }

    /// <summary>
    /// A program with a working set: with probability <paramref name="locality"/> the next reference continues a
    /// sequential sweep over pages 0 … <paramref name="workingSet"/> − 1 (a loop over an array), otherwise it is a
    /// uniformly random page of 0 … <paramref name="pages"/> − 1. With fewer frames than the working set, LRU and
    /// FIFO evict each page just before the loop comes back to it: thrashing.
    /// </summary>
    public static long[] WorkingSet(int length, int workingSet, int pages, double locality, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingSet, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, workingSet);
        ArgumentOutOfRangeException.ThrowIfLessThan(locality, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(locality, 1);
        var random = new SplitMix64(seed);
        var trace = new long[length];
        int next = 0;
        for (int i = 0; i < trace.Length; i++)
        {
            if (random.NextDouble() < locality)
            {
                trace[i] = next;
                next = next + 1 == workingSet ? 0 : next + 1;
            }
            else
            {
                trace[i] = random.NextInt(pages);
            }
        }

        return trace;
    }
}
