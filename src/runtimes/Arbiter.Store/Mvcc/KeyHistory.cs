using System.Diagnostics;

namespace Arbiter.Store.Mvcc;

/// <summary>
/// A key's retained changes in revision order (etcd's <c>keyIndex</c> with its generations, merged with the values
/// that etcd keeps in its revision-keyed backend).
/// </summary>
internal sealed class KeyHistory(byte[] key)
{
    public byte[] Key { get; } = key;

    public List<KeyVersion> Versions { get; } = new(1);

    /// <summary>The index of the last change at or before revision <paramref name="main"/>, -1 if none.</summary>
    public int IndexAt(long main)
    {
        var v = Versions;
        // Most reads are at the current revision: check the newest first.
        if (v.Count > 0 && v[^1].Mod.Main <= main)
        {
            return v.Count - 1;
        }

        int lo = 0, hi = v.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (v[mid].Mod.Main <= main)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    /// <summary>The live version at revision <paramref name="main"/>, or null if absent or deleted then.</summary>
    public KeyVersion? LiveAt(long main)
    {
        int i = IndexAt(main);
        return i >= 0 && !Versions[i].IsTombstone ? Versions[i] : null;
    }

    public KeyVersion? Latest => Versions.Count > 0 && !Versions[^1].IsTombstone ? Versions[^1] : null;

    public void Append(KeyVersion version)
    {
        Debug.Assert(Versions.Count == 0 || Versions[^1].Mod < version.Mod, "changes are appended in revision order");
        Versions.Add(version);
    }

    /// <summary>
    /// etcd's <c>keyIndex.compact</c>: drop every change at or before <paramref name="main"/> except the last one,
    /// and that one too if it is a tombstone. Returns false if nothing is left (the key can go).
    /// </summary>
    public bool Compact(long main)
    {
        int i = IndexAt(main);
        if (i < 0)
        {
            return Versions.Count > 0;
        }

        int drop = Versions[i].IsTombstone ? i + 1 : i;
        Versions.RemoveRange(0, drop);
        return Versions.Count > 0;
    }
}
