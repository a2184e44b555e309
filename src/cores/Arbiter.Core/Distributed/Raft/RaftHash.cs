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
}
