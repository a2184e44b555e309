namespace Arbiter.Distributed.Simulation;

/// <summary>
/// Derives independent seeds from the run's seed (SplitMix64 finaliser), so that each node's Random, the clocks
/// and the network draw from separate streams: adding a node or a clock does not shift the network's draws.
/// </summary>
/// <remarks>Not <see cref="HashCode"/>: it is randomised per process, and a seed must reproduce across processes.</remarks>
internal static class SeedMixer
{
    public static int Derive(int seed, int a, int b, int c)
    {
        ulong x = (ulong)(uint)seed;
        x = Mix(x ^ (ulong)(uint)a);
        x = Mix(x ^ ((ulong)(uint)b << 32));
        x = Mix(x ^ (ulong)(uint)c);
        return (int)(x ^ (x >> 32));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
