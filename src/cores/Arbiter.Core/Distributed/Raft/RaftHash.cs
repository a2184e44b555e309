namespace Arbiter.Core.Distributed.Raft;

/// <summary>FNV-1a, 64 bits: a cheap fingerprint of an entry's data for observations and checkers (not cryptographic).</summary>
public static class RaftHash
{
    /// <summary>The fingerprint of <paramref name="data"/>.</summary>
    public static ulong Of(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The fingerprint of an entry's content: its data, and for a configuration entry its members too.</summary>
    public static ulong OfEntry(RaftEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ulong hash = Of(entry.Data);
        if (entry.Configuration is { } c)
        {
            // A marker, then the voters, a separator and the learners: distinct configurations hash apart.
            hash = Mix(hash, 0xC0);
            foreach (int v in c.Voters)
            {
                hash = MixInt(hash, v);
            }

            hash = Mix(hash, 0xFF);
            foreach (int l in c.Learners)
            {
                hash = MixInt(hash, l);
            }
        }

        return hash;
    }

    private static ulong Mix(ulong hash, byte b) => (hash ^ b) * 1099511628211UL;

    private static ulong MixInt(ulong hash, int value)
    {
        for (int shift = 0; shift < 32; shift += 8)
        {
            hash = Mix(hash, (byte)(value >> shift));
        }

        return hash;
    }
}
